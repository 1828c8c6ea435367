import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plan deltas get the key they are deduplicated by (plan, plan version, bar, reason), enforced by a
 * unique index (rows written before this migration keep NULLs there, and NULLs never collide), and
 * follow leases (one follower per plan across instances). Same tables and constraints on both dialects.
 */
export class DeltaDedupeLeasesPostgres1767000000000 implements MigrationInterface {
  name = 'DeltaDedupeLeasesPostgres1767000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "plan_deltas" ADD COLUMN "plan_version" int NULL, ADD COLUMN "bar_time" bigint NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_plan_deltas_plan_version_bar_type" ON "plan_deltas" ("plan_id", "plan_version", "bar_time", "type")`);
    await q.query(`CREATE TABLE "follow_leases" ("plan_id" varchar(80) PRIMARY KEY, "owner" varchar(128) NOT NULL, "expires_at" bigint NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "follow_leases"`);
    await q.query(`DROP INDEX "uq_plan_deltas_plan_version_bar_type"`);
    await q.query(`ALTER TABLE "plan_deltas" DROP COLUMN "bar_time", DROP COLUMN "plan_version"`);
  }
}

export class DeltaDedupeLeasesSqlite1767000000000 implements MigrationInterface {
  name = 'DeltaDedupeLeasesSqlite1767000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "plan_deltas" ADD COLUMN "plan_version" int NULL`);
    await q.query(`ALTER TABLE "plan_deltas" ADD COLUMN "bar_time" bigint NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_plan_deltas_plan_version_bar_type" ON "plan_deltas" ("plan_id", "plan_version", "bar_time", "type")`);
    await q.query(`CREATE TABLE "follow_leases" ("plan_id" varchar(80) PRIMARY KEY NOT NULL, "owner" varchar(128) NOT NULL, "expires_at" bigint NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "follow_leases"`);
    await q.query(`DROP INDEX "uq_plan_deltas_plan_version_bar_type"`);
    await q.query(`ALTER TABLE "plan_deltas" DROP COLUMN "bar_time"`);
    await q.query(`ALTER TABLE "plan_deltas" DROP COLUMN "plan_version"`);
  }
}
