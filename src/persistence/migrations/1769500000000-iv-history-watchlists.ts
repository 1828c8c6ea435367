import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: the daily 30-day constant-maturity ATM-IV series per symbol (`atm_iv_history`, one row per
 * (symbol, ET session day)), the symbols the service has analysed (`iv_tracked_symbols`, what the
 * after-close recorder visits besides watchlists) and per-user watchlists (`watchlists`, unique per
 * (user_id, name)). Times are epoch ms (bigint). Same tables, columns and constraints on both dialects.
 */
const INDEXES = [`CREATE INDEX "ix_watchlists_user" ON "watchlists" ("user_id")`];
const DOWN = [`DROP TABLE "watchlists"`, `DROP TABLE "iv_tracked_symbols"`, `DROP TABLE "atm_iv_history"`];

function tables(json: string, id: string): string[] {
  return [
    `CREATE TABLE "atm_iv_history" (
      "id" ${id}, "symbol" varchar(24) NOT NULL, "day" varchar(10) NOT NULL, "iv" double precision NOT NULL,
      "source" varchar(64) NOT NULL, "method" varchar(24) NOT NULL, "expirations" ${json} NOT NULL,
      "at_close" int NOT NULL DEFAULT 0, "recorded_at" bigint NOT NULL,
      CONSTRAINT "uq_atm_iv_history_symbol_day" UNIQUE ("symbol", "day"))`,
    `CREATE TABLE "iv_tracked_symbols" ("symbol" varchar(24) PRIMARY KEY NOT NULL, "first_seen" bigint NOT NULL, "last_seen" bigint NOT NULL)`,
    `CREATE TABLE "watchlists" (
      "id" ${id}, "user_id" varchar(128) NOT NULL, "name" varchar(64) NOT NULL, "tickers" ${json} NOT NULL,
      "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL,
      CONSTRAINT "uq_watchlists_user_name" UNIQUE ("user_id", "name"))`,
  ];
}

export class IvHistoryWatchlistsPostgres1769500000000 implements MigrationInterface {
  name = 'IvHistoryWatchlistsPostgres1769500000000';
  async up(q: QueryRunner): Promise<void> {
    for (const sql of [...tables('jsonb', 'BIGSERIAL PRIMARY KEY'), ...INDEXES]) await q.query(sql);
  }
  async down(q: QueryRunner): Promise<void> {
    for (const sql of DOWN) await q.query(sql);
  }
}

export class IvHistoryWatchlistsSqlite1769500000000 implements MigrationInterface {
  name = 'IvHistoryWatchlistsSqlite1769500000000';
  async up(q: QueryRunner): Promise<void> {
    for (const sql of [...tables('text', 'integer PRIMARY KEY NOT NULL'), ...INDEXES]) await q.query(sql);
  }
  async down(q: QueryRunner): Promise<void> {
    for (const sql of DOWN) await q.query(sql);
  }
}
