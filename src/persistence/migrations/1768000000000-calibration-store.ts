import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calibration store (issue 12 item 2): one row per replayed plan (`plan_outcomes`, the OutcomeRow as
 * JSON plus the columns it is filtered and ordered by) and the aggregated statistics per
 * (source, playbook, style, segment) (`playbook_stats`). Times are epoch ms (bigint). Same tables,
 * columns and indexes on both dialects.
 */
const INDEXES = [
  `CREATE INDEX "ix_plan_outcomes_source_style_time" ON "plan_outcomes" ("source", "style", "plan_time")`,
  `CREATE INDEX "ix_plan_outcomes_source_time" ON "plan_outcomes" ("source", "plan_time")`,
  `CREATE INDEX "ix_plan_outcomes_source_style_resolved" ON "plan_outcomes" ("source", "style", "resolved_at")`,
  `CREATE INDEX "ix_plan_outcomes_source_playbook_style" ON "plan_outcomes" ("source", "playbook", "style")`,
  `CREATE INDEX "ix_playbook_stats_source_style" ON "playbook_stats" ("source", "style")`,
];

const DOWN = [`DROP TABLE "playbook_stats"`, `DROP TABLE "plan_outcomes"`];

export class CalibrationStorePostgres1768000000000 implements MigrationInterface {
  name = 'CalibrationStorePostgres1768000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "plan_outcomes" (
      "id" BIGSERIAL PRIMARY KEY, "source" varchar(64) NOT NULL, "style" varchar(16) NOT NULL,
      "playbook" varchar(64) NOT NULL, "plan_time" bigint NOT NULL, "resolved_at" bigint NOT NULL,
      "outcome" jsonb NOT NULL, "stored_at" bigint NOT NULL)`);
    await q.query(`CREATE TABLE "playbook_stats" (
      "id" BIGSERIAL PRIMARY KEY, "source" varchar(64) NOT NULL, "playbook" varchar(64) NOT NULL,
      "style" varchar(16) NOT NULL, "segment_dimension" varchar(32) NOT NULL, "segment_value" varchar(64) NOT NULL,
      "n" int NOT NULL, "window_from" bigint NULL, "window_to" bigint NULL, "computed_at" bigint NOT NULL,
      "data_sources" jsonb NOT NULL, "stats" jsonb NOT NULL, "stored_at" bigint NOT NULL,
      CONSTRAINT "uq_playbook_stats_group" UNIQUE ("source", "playbook", "style", "segment_dimension", "segment_value"))`);
    for (const sql of INDEXES) await q.query(sql);
  }
  async down(q: QueryRunner): Promise<void> {
    for (const sql of DOWN) await q.query(sql);
  }
}

export class CalibrationStoreSqlite1768000000000 implements MigrationInterface {
  name = 'CalibrationStoreSqlite1768000000000';
  async up(q: QueryRunner): Promise<void> {
    // `integer PRIMARY KEY` (the rowid) without AUTOINCREMENT: ids still grow within a replace, and bulk
    // inserts skip the sqlite_sequence update per row
    await q.query(`CREATE TABLE "plan_outcomes" (
      "id" integer PRIMARY KEY NOT NULL, "source" varchar(64) NOT NULL, "style" varchar(16) NOT NULL,
      "playbook" varchar(64) NOT NULL, "plan_time" bigint NOT NULL, "resolved_at" bigint NOT NULL,
      "outcome" text NOT NULL, "stored_at" bigint NOT NULL)`);
    await q.query(`CREATE TABLE "playbook_stats" (
      "id" integer PRIMARY KEY NOT NULL, "source" varchar(64) NOT NULL, "playbook" varchar(64) NOT NULL,
      "style" varchar(16) NOT NULL, "segment_dimension" varchar(32) NOT NULL, "segment_value" varchar(64) NOT NULL,
      "n" int NOT NULL, "window_from" bigint NULL, "window_to" bigint NULL, "computed_at" bigint NOT NULL,
      "data_sources" text NOT NULL, "stats" text NOT NULL, "stored_at" bigint NOT NULL,
      CONSTRAINT "uq_playbook_stats_group" UNIQUE ("source", "playbook", "style", "segment_dimension", "segment_value"))`);
    for (const sql of INDEXES) await q.query(sql);
  }
  async down(q: QueryRunner): Promise<void> {
    for (const sql of DOWN) await q.query(sql);
  }
}
