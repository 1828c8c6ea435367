import { MigrationInterface, QueryRunner } from 'typeorm';

/** Initial schema. One migration per dialect with the same tables, columns and constraints. */
export class InitPostgres1764000000000 implements MigrationInterface {
  name = 'InitPostgres1764000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "idea_snapshots" (
      "id" BIGSERIAL PRIMARY KEY, "plan_id" varchar(80) NOT NULL, "plan_version" int NOT NULL,
      "user_id" varchar(128) NOT NULL, "symbol" varchar(24) NOT NULL, "style" varchar(16) NOT NULL,
      "kind" varchar(16) NOT NULL DEFAULT 'live', "payload" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "uq_idea_snapshots_plan_version" UNIQUE ("plan_id", "plan_version"))`);
    await q.query(`CREATE INDEX "ix_idea_snapshots_user_symbol_style" ON "idea_snapshots" ("user_id", "symbol", "style", "kind")`);
    await q.query(`CREATE TABLE "plan_layers" (
      "id" BIGSERIAL PRIMARY KEY, "plan_id" varchar(80) NOT NULL, "plan_version" int NOT NULL,
      "user_id" varchar(128) NOT NULL, "levels" jsonb NOT NULL, "zones" jsonb NOT NULL, "annotations" jsonb NOT NULL,
      "meta" jsonb NOT NULL, "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "uq_plan_layers_plan_version" UNIQUE ("plan_id", "plan_version"))`);
    await q.query(`CREATE TABLE "plan_deltas" (
      "id" BIGSERIAL PRIMARY KEY, "plan_id" varchar(80) NOT NULL, "seq" int NOT NULL,
      "user_id" varchar(128) NOT NULL, "type" varchar(32) NOT NULL, "payload" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "uq_plan_deltas_plan_seq" UNIQUE ("plan_id", "seq"))`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "plan_deltas"`);
    await q.query(`DROP TABLE "plan_layers"`);
    await q.query(`DROP TABLE "idea_snapshots"`);
  }
}

export class InitSqlite1764000000000 implements MigrationInterface {
  name = 'InitSqlite1764000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "idea_snapshots" (
      "id" integer PRIMARY KEY AUTOINCREMENT, "plan_id" varchar(80) NOT NULL, "plan_version" int NOT NULL,
      "user_id" varchar(128) NOT NULL, "symbol" varchar(24) NOT NULL, "style" varchar(16) NOT NULL,
      "kind" varchar(16) NOT NULL DEFAULT 'live', "payload" text NOT NULL,
      "created_at" datetime NOT NULL DEFAULT (datetime('now')),
      CONSTRAINT "uq_idea_snapshots_plan_version" UNIQUE ("plan_id", "plan_version"))`);
    await q.query(`CREATE INDEX "ix_idea_snapshots_user_symbol_style" ON "idea_snapshots" ("user_id", "symbol", "style", "kind")`);
    await q.query(`CREATE TABLE "plan_layers" (
      "id" integer PRIMARY KEY AUTOINCREMENT, "plan_id" varchar(80) NOT NULL, "plan_version" int NOT NULL,
      "user_id" varchar(128) NOT NULL, "levels" text NOT NULL, "zones" text NOT NULL, "annotations" text NOT NULL,
      "meta" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')),
      CONSTRAINT "uq_plan_layers_plan_version" UNIQUE ("plan_id", "plan_version"))`);
    await q.query(`CREATE TABLE "plan_deltas" (
      "id" integer PRIMARY KEY AUTOINCREMENT, "plan_id" varchar(80) NOT NULL, "seq" int NOT NULL,
      "user_id" varchar(128) NOT NULL, "type" varchar(32) NOT NULL, "payload" text NOT NULL,
      "created_at" datetime NOT NULL DEFAULT (datetime('now')),
      CONSTRAINT "uq_plan_deltas_plan_seq" UNIQUE ("plan_id", "seq"))`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "plan_deltas"`);
    await q.query(`DROP TABLE "plan_layers"`);
    await q.query(`DROP TABLE "idea_snapshots"`);
  }
}
