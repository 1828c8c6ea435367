import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { ValidationFailedError } from '../common/errors';
import type { StatsGroup } from '../core/stats/aggregate';
import type { OutcomeRow } from '../core/stats/outcome.types';
import type { SegmentRef } from '../core/stats/segments';
import type { Style } from '../core/strategies/strategy.types';
import type { PlaybookStatDbRow, PlanOutcomeDbRow } from './calibration-rows';
import type { CalibrationStoreApi } from './calibration-store.types';
import { checkOutcomeRow, checkSource, checkStatsGroups, checkStyle, checkTime, strictJson } from './calibration-validate';
import { DatabaseService } from './database.service';

/** Rows per multi-row INSERT (7 parameters each: well under SQLite's 32,766 and PostgreSQL's 65,535). */
const INSERT_BATCH = 1000;
/** Rows per DELETE statement when a replace clears the previous rows. */
const DELETE_CHUNK = 5000;
/** Rows per page when reading outcomes back (keyset paging on plan_time, id). */
const READ_PAGE = 2000;

/** A statement on the transaction's connection: the rows it returned and how many rows it changed. */
type Query = (sql: string, params?: unknown[]) => Promise<{ records: any[]; affected: number }>;

const OUTCOME_COLS = ['source', 'style', 'playbook', 'plan_time', 'resolved_at', 'outcome', 'stored_at'];
const STAT_COLS = ['source', 'playbook', 'style', 'segment_dimension', 'segment_value', 'n', 'window_from', 'window_to', 'computed_at', 'data_sources', 'stats', 'stored_at'];

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
const num = (v: string | number) => Number(v);
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * Calibration outcomes and statistics (tables `plan_outcomes`, `playbook_stats`) on both stores.
 *
 * A replace is one transaction: delete the (source, style) rows, then multi-row INSERTs of
 * INSERT_BATCH rows. On the embedded store the whole transaction is one serialised store call that
 * yields to the event loop between batches (other store calls wait in the queue, so nothing interleaves
 * on the single connection); on PostgreSQL every statement is its own watched store call on one held
 * connection, and concurrent replaces of the same (source, style) are serialised by a transaction-scoped
 * advisory lock. Reads page through the rows in one transaction (a consistent snapshot: a concurrent
 * replace is seen entirely or not at all).
 */
@Injectable()
export class CalibrationStore implements CalibrationStoreApi {
  constructor(private readonly db: DatabaseService) {}

  private get pg() {
    return this.db.dialect === 'postgres';
  }

  /** Placeholders for `n` rows of `cols` columns: `($1, $2), ($3, $4)` or `(?, ?), (?, ?)`. */
  private values(n: number, cols: number): string {
    const out: string[] = [];
    for (let r = 0, p = 1; r < n; r++) {
      const one: string[] = [];
      for (let c = 0; c < cols; c++, p++) one.push(this.pg ? `$${p}` : '?');
      out.push(`(${one.join(', ')})`);
    }
    return out.join(', ');
  }

  /** `$1 … $n` / `?` for a WHERE clause built left to right. */
  private params(): { list: unknown[]; add: (v: unknown) => string } {
    const list: unknown[] = [];
    return { list, add: (v: unknown) => (list.push(v), this.pg ? `$${list.length}` : '?') };
  }

  /**
   * Run `fn` in one transaction on one connection. `pause` yields to the event loop (the embedded store
   * runs synchronously; PostgreSQL statements already wait on the network).
   */
  private async transaction<T>(write: boolean, fn: (q: Query, pause: () => Promise<void>) => Promise<T>): Promise<T> {
    const body = async (qr: QueryRunner, q: Query, pause: () => Promise<void>, step: <X>(f: () => Promise<X>) => Promise<X>) => {
      await step(() => qr.startTransaction(this.pg && !write ? 'REPEATABLE READ' : undefined));
      try {
        if (write) await step(() => this.db.beginWrite(qr.manager));
        const out = await fn(q, pause);
        await step(() => qr.commitTransaction());
        return out;
      } catch (err) {
        if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
        throw err;
      }
    };
    if (!this.pg) {
      return this.db.run(async (ds) => {
        const qr = ds.createQueryRunner();
        try {
          return await body(
            qr,
            (sql, params) => this.structured(qr, sql, params),
            yieldToLoop,
            (f) => f(),
          );
        } finally {
          await qr.release();
        }
      });
    }
    // PostgreSQL: each statement is one watched store call (503 when the server stops answering)
    const qr = this.db.dataSource().createQueryRunner();
    const step = <X>(f: () => Promise<X>) => this.db.run(() => f());
    try {
      await step(() => qr.connect());
      return await body(
        qr,
        (sql, params) => step(() => this.structured(qr, sql, params)),
        async () => undefined,
        step,
      );
    } finally {
      await qr.release();
    }
  }

  private async structured(qr: QueryRunner, sql: string, params?: unknown[]) {
    const r = await qr.query(sql, params, true);
    return { records: (r.records ?? []) as any[], affected: r.affected ?? 0 };
  }

  /** PostgreSQL: serialise writers of one (table, source, style) until commit. */
  private async lock(q: Query, table: string, source: string, style: Style): Promise<void> {
    if (this.pg) await q(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [table, `${source}/${style}`]);
  }

  /**
   * Delete the (source, style) rows of a table DELETE_CHUNK at a time, yielding in between: one
   * synchronous DELETE of 100,000 rows on the embedded store would hold the event loop for about a second.
   */
  private async deleteInChunks(q: Query, pause: () => Promise<void>, table: string, source: string, style: Style): Promise<void> {
    for (;;) {
      const w = this.params();
      const sql = `DELETE FROM "${table}" WHERE "id" IN (SELECT "id" FROM "${table}" WHERE "source" = ${w.add(source)} AND "style" = ${w.add(style)} LIMIT ${DELETE_CHUNK})`;
      if ((await q(sql, w.list)).affected < DELETE_CHUNK) return;
      await pause();
    }
  }

  async replaceOutcomes(source: string, style: Style, rows: readonly OutcomeRow[]): Promise<void> {
    checkSource(source);
    checkStyle(style);
    if (!Array.isArray(rows)) throw ValidationFailedError.field('rows', 'must be an array of outcome rows');
    rows.forEach((r, i) => checkOutcomeRow(r, style, i));
    const storedAt = Date.now();
    await this.transaction(true, async (q, pause) => {
      await this.lock(q, 'plan_outcomes', source, style);
      await this.deleteInChunks(q, pause, 'plan_outcomes', source, style);
      const cols = `INSERT INTO "plan_outcomes" (${OUTCOME_COLS.map((c) => `"${c}"`).join(', ')}) `;
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await pause();
        const batch = rows.slice(i, i + INSERT_BATCH);
        if (this.pg) {
          // one jsonb array parameter per batch: the server splits it (far fewer bind parameters to encode and parse)
          const sql = `${cols}SELECT $1, $2, x.e->>'playbook', (x.e->>'plan_time')::bigint, (x.e->>'resolved_at')::bigint, x.e, $3
            FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS x(e, i) ORDER BY x.i`;
          await q(sql, [source, style, storedAt, `[${batch.map((r) => JSON.stringify(r)).join(',')}]`]);
        } else {
          const params: unknown[] = [];
          for (const r of batch) params.push(source, style, r.playbook, r.plan_time, r.resolved_at, JSON.stringify(r), storedAt);
          await q(`${cols}VALUES ${this.values(batch.length, OUTCOME_COLS.length)}`, params);
        }
      }
    });
  }

  async listOutcomes(source: string, opts: { style?: Style; resolvedBefore?: number } = {}): Promise<OutcomeRow[]> {
    checkSource(source);
    if (opts.style !== undefined) checkStyle(opts.style);
    if (opts.resolvedBefore !== undefined && !Number.isFinite(opts.resolvedBefore)) throw ValidationFailedError.field('resolvedBefore', 'must be a finite number (epoch ms)');
    return this.transaction(false, async (q, pause) => {
      const out: OutcomeRow[] = [];
      let after: { t: string | number; id: string | number } | undefined;
      for (;;) {
        const w = this.params();
        let where = `"source" = ${w.add(source)}`;
        if (opts.style !== undefined) where += ` AND "style" = ${w.add(opts.style)}`;
        if (opts.resolvedBefore !== undefined) where += ` AND "resolved_at" < ${w.add(opts.resolvedBefore)}`;
        if (after) where += ` AND ("plan_time", "id") > (${w.add(after.t)}, ${w.add(after.id)})`;
        const page: Array<Pick<PlanOutcomeDbRow, 'id' | 'plan_time' | 'outcome'>> = (
          await q(`SELECT "id", "plan_time", "outcome" FROM "plan_outcomes" WHERE ${where} ORDER BY "plan_time", "id" LIMIT ${READ_PAGE}`, w.list)
        ).records;
        for (const r of page) out.push(json(r.outcome) as OutcomeRow);
        if (page.length < READ_PAGE) return out;
        const last = page[page.length - 1];
        after = { t: last.plan_time, id: last.id };
        await pause();
      }
    });
  }

  async replaceStats(source: string, style: Style, groups: readonly StatsGroup[], computedAt: number): Promise<void> {
    checkSource(source);
    checkStyle(style);
    checkTime(computedAt, 'computed_at');
    if (!Array.isArray(groups)) throw ValidationFailedError.field('groups', 'must be an array of stats groups');
    checkStatsGroups(groups, style);
    const encoded = groups.map((g, i) => strictJson(g.stats, `groups[${i}].stats`));
    const storedAt = Date.now();
    await this.transaction(true, async (q, pause) => {
      await this.lock(q, 'playbook_stats', source, style);
      await this.deleteInChunks(q, pause, 'playbook_stats', source, style);
      const head = `INSERT INTO "playbook_stats" (${STAT_COLS.map((c) => `"${c}"`).join(', ')}) VALUES `;
      const batchSize = Math.floor(INSERT_BATCH / 2);
      for (let i = 0; i < groups.length; i += batchSize) {
        await pause();
        const params: unknown[] = [];
        groups.slice(i, i + batchSize).forEach((g, k) => {
          const s = g.stats;
          params.push(
            source,
            g.playbook,
            style,
            g.segment.dimension,
            g.segment.value,
            s.n,
            s.window?.from ?? null,
            s.window?.to ?? null,
            computedAt,
            JSON.stringify(s.data_sources),
            encoded[i + k],
            storedAt,
          );
        });
        await q(head + this.values(params.length / STAT_COLS.length, STAT_COLS.length), params);
      }
    });
  }

  async listStats(source: string, style?: Style): Promise<Array<StatsGroup & { computed_at: number }>> {
    checkSource(source);
    if (style !== undefined) checkStyle(style);
    const w = this.params();
    const where = `"source" = ${w.add(source)}` + (style !== undefined ? ` AND "style" = ${w.add(style)}` : '');
    const rows: PlaybookStatDbRow[] = await this.db.run((ds) =>
      ds.query(`SELECT "playbook", "style", "segment_dimension", "segment_value", "stats", "computed_at" FROM "playbook_stats" WHERE ${where} ORDER BY "style", "id"`, w.list),
    );
    return rows.map((r) => ({
      playbook: r.playbook,
      style: r.style as Style,
      segment: { dimension: r.segment_dimension, value: r.segment_value } as SegmentRef,
      stats: json(r.stats) as StatsGroup['stats'],
      computed_at: num(r.computed_at),
    }));
  }

  async sources(): Promise<Array<{ source: string; style: Style; n_rows: number; updated_at: number }>> {
    const [outcomes, stats] = await this.db.run((ds) =>
      Promise.all([
        ds.query(`SELECT "source", "style", COUNT(*) AS "n", MAX("stored_at") AS "at" FROM "plan_outcomes" GROUP BY "source", "style"`),
        ds.query(`SELECT "source", "style", MAX("stored_at") AS "at" FROM "playbook_stats" GROUP BY "source", "style"`),
      ]),
    );
    const by = new Map<string, { source: string; style: Style; n_rows: number; updated_at: number }>();
    for (const r of outcomes as Array<{ source: string; style: Style; n: string | number; at: string | number }>) {
      by.set(`${r.source}\u0000${r.style}`, { source: r.source, style: r.style, n_rows: num(r.n), updated_at: num(r.at) });
    }
    for (const r of stats as Array<{ source: string; style: Style; at: string | number }>) {
      const k = `${r.source}\u0000${r.style}`;
      const e = by.get(k);
      if (e) e.updated_at = Math.max(e.updated_at, num(r.at));
      else by.set(k, { source: r.source, style: r.style, n_rows: 0, updated_at: num(r.at) });
    }
    return [...by.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.style < b.style ? -1 : a.style > b.style ? 1 : 0));
  }
}
