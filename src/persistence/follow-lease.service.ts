import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ValidationFailedError } from '../common/errors';
import { DatabaseService } from './database.service';
import type { FollowLeaseApi } from './follow-lease.types';

/**
 * Follow leases in the `follow_leases` table: one row per plan (owner, expires_at in epoch ms).
 * Acquire is one atomic upsert that only overwrites an expired row or the caller's own. On PostgreSQL
 * the expiry is computed from the database clock, so instances with skewed clocks agree; the embedded
 * store is one file on one machine and uses the process clock.
 */
@Injectable()
export class FollowLeaseStore implements FollowLeaseApi {
  constructor(private readonly db: DatabaseService) {}

  private get pg() {
    return this.db.dialect === 'postgres';
  }

  /** SQL for "now" in epoch ms, and its parameters. */
  private now(): { sql: string; params: number[] } {
    return this.pg ? { sql: `(extract(epoch from clock_timestamp()) * 1000)::bigint`, params: [] } : { sql: '?', params: [Date.now()] };
  }

  private async rows(sql: string, params: unknown[]): Promise<unknown[]> {
    return this.db.run(async (ds: DataSource) => {
      const qr = ds.createQueryRunner();
      try {
        const r = await qr.query(sql, params, true);
        return (r.records ?? []) as unknown[];
      } finally {
        await qr.release();
      }
    });
  }

  private check(planId: string, instanceId: string, ttlMs?: number) {
    if (!planId || planId.length > 80) throw ValidationFailedError.field('plan_id', 'must be 1–80 characters');
    if (!instanceId || instanceId.length > 128) throw ValidationFailedError.field('instance_id', 'must be 1–128 characters');
    if (ttlMs !== undefined && !(Number.isInteger(ttlMs) && ttlMs > 0 && ttlMs <= 86_400_000)) {
      throw ValidationFailedError.field('ttl_ms', 'must be an integer between 1 and 86400000');
    }
  }

  async acquireFollowLease(planId: string, instanceId: string, ttlMs: number): Promise<boolean> {
    this.check(planId, instanceId, ttlMs);
    const p = (i: number) => (this.pg ? `$${i}` : '?');
    const n1 = this.now();
    const n2 = this.now();
    // params in textual order: plan, owner, [now], ttl, [now]
    const sql =
      `INSERT INTO "follow_leases" ("plan_id", "owner", "expires_at") VALUES (${p(1)}, ${p(2)}, ${n1.sql} + ${p(3)}) ` +
      `ON CONFLICT ("plan_id") DO UPDATE SET "owner" = excluded."owner", "expires_at" = excluded."expires_at" ` +
      `WHERE "follow_leases"."owner" = excluded."owner" OR "follow_leases"."expires_at" <= ${n2.sql} RETURNING "owner"`;
    const params = this.pg ? [planId, instanceId, ttlMs] : [planId, instanceId, ...n1.params, ttlMs, ...n2.params];
    const rows = await this.rows(sql, params);
    return rows.length === 1;
  }

  async renewFollowLease(planId: string, instanceId: string, ttlMs: number): Promise<boolean> {
    this.check(planId, instanceId, ttlMs);
    const n = this.now();
    const sql = this.pg
      ? `UPDATE "follow_leases" SET "expires_at" = ${n.sql} + $3 WHERE "plan_id" = $1 AND "owner" = $2 RETURNING "owner"`
      : `UPDATE "follow_leases" SET "expires_at" = ? + ? WHERE "plan_id" = ? AND "owner" = ? RETURNING "owner"`;
    const params = this.pg ? [planId, instanceId, ttlMs] : [...n.params, ttlMs, planId, instanceId];
    return (await this.rows(sql, params)).length === 1;
  }

  async releaseFollowLease(planId: string, instanceId: string): Promise<void> {
    this.check(planId, instanceId);
    const sql = this.pg ? `DELETE FROM "follow_leases" WHERE "plan_id" = $1 AND "owner" = $2` : `DELETE FROM "follow_leases" WHERE "plan_id" = ? AND "owner" = ?`;
    await this.rows(sql, [planId, instanceId]);
  }

  async followLeaseHolder(planId: string): Promise<string | null> {
    const n = this.now();
    const sql = this.pg ? `SELECT "owner" FROM "follow_leases" WHERE "plan_id" = $1 AND "expires_at" > ${n.sql}` : `SELECT "owner" FROM "follow_leases" WHERE "plan_id" = ? AND "expires_at" > ?`;
    const rows = (await this.rows(sql, [planId, ...n.params])) as Array<{ owner: string }>;
    return rows[0]?.owner ?? null;
  }
}
