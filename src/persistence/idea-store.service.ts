import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import { NotFoundError } from '../common/errors';
import { DatabaseService } from './database.service';
import { AppendDeltaOptions, IdeaKind, IdeaRecord, IdeaStoreApi, LayerRecord, PlanDeltaRecord, PlanHistoryEntry, PlanHistoryQuery, SaveIdeaInput } from './idea-store.types';
import { newPlanId } from './plan-id';
import { rawQuery } from './raw-query';
import type { IdeaSnapshotRow, PlanDeltaRow, PlanLayerRow } from './rows';

const MAX_RETRIES = 5;
/** Rows per multi-row INSERT statement. */
const INSERT_CHUNK = 200;

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string; driverError?: { code?: string } };
  return e?.code === '23505' || e?.driverError?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
}

const toIso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

function deltaRecord(r: PlanDeltaRow): PlanDeltaRecord {
  return { plan_id: r.plan_id, seq: r.seq, type: r.type, payload: r.payload, created_at: toIso(r.created_at) };
}

/** The chart-layers row stored beside one snapshot (`save` and `saveMany` alike). */
function layersRow(planId: string, version: number, userId: string, layers: NonNullable<SaveIdeaInput['layers']>, createdAt: Date) {
  return {
    plan_id: planId,
    plan_version: version,
    user_id: userId,
    levels: layers.levels ?? [],
    zones: layers.zones ?? [],
    annotations: layers.annotations ?? [],
    meta: layers.meta ?? {},
    created_at: createdAt,
  };
}

function toRecord(row: IdeaSnapshotRow): IdeaRecord {
  return {
    plan_id: row.plan_id,
    plan_version: row.plan_version,
    user_id: row.user_id,
    symbol: row.symbol,
    style: row.style,
    kind: row.kind as IdeaKind,
    payload: row.payload,
    created_at: toIso(row.created_at),
  };
}

/**
 * Idea snapshots, their chart layers and plan deltas, scoped by user. Versions and delta sequence
 * numbers are assigned inside a transaction and protected by unique constraints (a concurrent writer
 * that loses the race retries). Every call goes through DatabaseService.run: 503 when the database is
 * unreachable, and on the embedded store calls are serialised (one connection).
 */
@Injectable()
export class IdeaStore implements IdeaStoreApi {
  constructor(private readonly db: DatabaseService) {}

  newPlanId(symbol: string, style: string, at?: Date): string {
    return newPlanId(symbol, style, at);
  }

  /**
   * Serialise writers of one plan inside the transaction: on Postgres a transaction-scoped advisory
   * lock keyed by the plan id (released at commit), so "max + 1" versioning never races; the embedded
   * store is serialised by DatabaseService and its transactions take the write lock first
   * (`beginWrite`). The unique constraints remain as the last line.
   */
  private async lockPlan(m: EntityManager, planId: string): Promise<void> {
    if (this.db.dialect === 'postgres') await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [planId]);
  }

  private withRetry<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.run(async (ds) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await ds.transaction(async (m) => {
            await this.db.beginWrite(m);
            return fn(m);
          });
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= MAX_RETRIES) throw err;
        }
      }
    });
  }

  async save(input: SaveIdeaInput): Promise<IdeaRecord> {
    return this.withRetry((m) => this.saveIn(m, input));
  }

  /**
   * A page of snapshots (+ layers) in one transaction, all or none: locks in sorted order, one owner
   * query, one max-version query, one multi-row INSERT per table. Raw prepared statements holding
   * exactly what TypeORM's insert writes (JSON text; on SQLite the UTC datetime text, on PostgreSQL
   * the Date): the query builder spent more time building the statement than the database running it.
   */
  async saveMany(inputs: SaveIdeaInput[]): Promise<IdeaRecord[]> {
    if (!inputs.length) return [];
    return this.withRetry(async (m) => {
      const planIds = inputs.map((i) => i.plan_id ?? this.newPlanId(i.symbol, i.style));
      const distinct = [...new Set(planIds)];
      const named = [...new Set(inputs.flatMap((i) => (i.plan_id ? [i.plan_id] : [])))];
      // locks in one order (no deadlock between two batches), then one query each for owners and versions
      for (const id of [...distinct].sort()) await this.lockPlan(m, id);
      if (named.length) {
        const owners = await this.select<{ plan_id: string; user_id: string }>(
          m,
          `SELECT "plan_id" AS "plan_id", "user_id" AS "user_id" FROM "idea_snapshots" WHERE "plan_id" IN (${this.marks(named.length)}) GROUP BY "plan_id", "user_id"`,
          named,
        );
        for (const o of owners) {
          const claimant = inputs.find((i) => i.plan_id === o.plan_id)!;
          if (o.user_id !== claimant.user_id) throw new NotFoundError(`unknown plan_id ${o.plan_id}`);
        }
      }
      const maxRows = await this.select<{ plan_id: string; max: number | string | null }>(
        m,
        `SELECT "plan_id" AS "plan_id", MAX("plan_version") AS "max" FROM "idea_snapshots" WHERE "plan_id" IN (${this.marks(distinct.length)}) GROUP BY "plan_id"`,
        distinct,
      );
      const next = new Map(maxRows.map((r) => [r.plan_id, Number(r.max ?? 0)]));
      const now = new Date();
      const rows = inputs.map((input, k) => {
        const planId = planIds[k];
        const version = (next.get(planId) ?? 0) + 1;
        next.set(planId, version);
        const payload = { ...input.payload, plan_id: planId, version, plan_version: version };
        return { plan_id: planId, plan_version: version, user_id: input.user_id, symbol: input.symbol.toUpperCase(), style: input.style, kind: input.kind ?? 'live', payload, created_at: now };
      });
      const time = this.db.dialect === 'postgres' ? now : DateUtils.mixedDateToUtcDatetimeString(now);
      await this.insertRows(
        m,
        'idea_snapshots',
        ['plan_id', 'plan_version', 'user_id', 'symbol', 'style', 'kind', 'payload', 'created_at'],
        rows.map((r) => [r.plan_id, r.plan_version, r.user_id, r.symbol, r.style, r.kind, JSON.stringify(r.payload), time]),
      );
      // the same row as save() stores (layersRow), in the raw INSERT's column order with its JSON and time forms
      const layerRows = inputs.flatMap((input, k) => {
        if (!input.layers) return [];
        const l = layersRow(rows[k].plan_id, rows[k].plan_version, input.user_id, input.layers, now);
        return [[l.plan_id, l.plan_version, l.user_id, JSON.stringify(l.levels), JSON.stringify(l.zones), JSON.stringify(l.annotations), JSON.stringify(l.meta), time]];
      });
      await this.insertRows(m, 'plan_layers', ['plan_id', 'plan_version', 'user_id', 'levels', 'zones', 'annotations', 'meta', 'created_at'], layerRows);
      return rows.map((r) => toRecord({ ...r, id: '' }));
    });
  }

  /** `n` placeholders in the dialect's style, numbered from `from` on PostgreSQL. */
  private marks(n: number, from = 1): string {
    const pg = this.db.dialect === 'postgres';
    return Array.from({ length: n }, (_, i) => (pg ? `$${from + i}` : '?')).join(', ');
  }

  private async select<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
    const r = (await m.query(sql, params)) as T[] | { rows?: T[] };
    return Array.isArray(r) ? r : (r.rows ?? []);
  }

  /** Multi-row INSERT, at most INSERT_CHUNK rows per statement (bound parameters stay far below either database's limit). */
  private async insertRows(m: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
    const cols = columns.map((c) => `"${c}"`).join(', ');
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const values = chunk.map((_, j) => `(${this.marks(columns.length, 1 + j * columns.length)})`).join(', ');
      await m.query(`INSERT INTO "${table}" (${cols}) VALUES ${values}`, chunk.flat());
    }
  }

  /** One snapshot (+ layers) inside the caller's transaction: version = max + 1 under the plan's lock. */
  private async saveIn(m: EntityManager, input: SaveIdeaInput): Promise<IdeaRecord> {
    const snapshots = m.getRepository<IdeaSnapshotRow>('IdeaSnapshot');
    const planId = input.plan_id ?? this.newPlanId(input.symbol, input.style);
    await this.lockPlan(m, planId);
    if (input.plan_id) {
      const owner = await snapshots.findOne({ where: { plan_id: planId }, select: { id: true, user_id: true }, order: { plan_version: 'DESC' } });
      if (owner && owner.user_id !== input.user_id) throw new NotFoundError(`unknown plan_id ${planId}`);
    }
    const max = await snapshots.createQueryBuilder('s').select('MAX(s.plan_version)', 'max').where('s.plan_id = :planId', { planId }).getRawOne<{ max: number | string | null }>();
    const version = Number(max?.max ?? 0) + 1;
    const now = new Date();
    const payload = { ...input.payload, plan_id: planId, version, plan_version: version };
    const row = {
      plan_id: planId,
      plan_version: version,
      user_id: input.user_id,
      symbol: input.symbol.toUpperCase(),
      style: input.style,
      kind: input.kind ?? 'live',
      payload,
      created_at: now,
    };
    // insert, not save: save() reloads and deep-merges the ~20 KB payload into the entity (a third of a scan page's time)
    await snapshots.createQueryBuilder().insert().values(row).updateEntity(false).execute();
    if (input.layers) {
      await m
        .getRepository<PlanLayerRow>('PlanLayer')
        .createQueryBuilder()
        .insert()
        .values(layersRow(planId, version, input.user_id, input.layers, now) as never)
        .updateEntity(false)
        .execute();
    }
    return toRecord({ ...row, id: '' });
  }

  async latestPlanIds(userId: string, symbols: string[], style: string, kind: IdeaKind = 'live'): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const wanted = [...new Set(symbols.map((s) => s.toUpperCase()))];
    if (!wanted.length) return out;
    // the latest snapshot id per symbol (index on user/symbol/style/kind), then its plan id: ids only, no payloads
    const rows = await rawQuery<{ symbol: string; plan_id: string }>(
      this.db,
      `SELECT s."symbol" AS "symbol", s."plan_id" AS "plan_id" FROM "idea_snapshots" s WHERE s."id" IN (SELECT MAX(l."id") FROM "idea_snapshots" l WHERE l."user_id" = $1 AND l."style" = $2 AND l."kind" = $3 AND l."symbol" IN (${wanted.map((_, i) => `$${4 + i}`).join(', ')}) GROUP BY l."symbol")`,
      [userId, style, kind, ...wanted],
    );
    for (const r of rows) out.set(r.symbol, r.plan_id);
    return out;
  }

  async get(userId: string, planId: string, version?: number): Promise<IdeaRecord> {
    const row = await this.db.run((ds) =>
      ds.getRepository<IdeaSnapshotRow>('IdeaSnapshot').findOne({
        where: { plan_id: planId, user_id: userId, ...(version !== undefined ? { plan_version: version } : {}) },
        order: { plan_version: 'DESC' },
      }),
    );
    if (!row) throw new NotFoundError(version !== undefined ? `unknown plan_id ${planId} version ${version}` : `unknown plan_id ${planId}`);
    return toRecord(row);
  }

  async getLayers(userId: string, planId: string, version?: number): Promise<LayerRecord> {
    const row = await this.db.run((ds) =>
      ds.getRepository<PlanLayerRow>('PlanLayer').findOne({
        where: { plan_id: planId, user_id: userId, ...(version !== undefined ? { plan_version: version } : {}) },
        order: { plan_version: 'DESC' },
      }),
    );
    if (!row) throw new NotFoundError(`no chart layers for plan_id ${planId}${version !== undefined ? ` version ${version}` : ''}`);
    return {
      plan_id: row.plan_id,
      plan_version: row.plan_version,
      levels: row.levels,
      zones: row.zones,
      annotations: row.annotations,
      meta: row.meta,
    };
  }

  async findLatest(userId: string, symbol: string, style: string, kind: IdeaKind = 'live'): Promise<IdeaRecord | null> {
    const row = await this.db.run((ds) =>
      ds.getRepository<IdeaSnapshotRow>('IdeaSnapshot').findOne({
        where: { user_id: userId, symbol: symbol.toUpperCase(), style, kind },
        order: { id: 'DESC' },
      }),
    );
    return row ? toRecord(row) : null;
  }

  async listByKind(userId: string, symbol: string, kind: IdeaKind): Promise<IdeaRecord[]> {
    const rows = await this.db.run((ds) =>
      ds.getRepository<IdeaSnapshotRow>('IdeaSnapshot').find({
        where: { user_id: userId, symbol: symbol.toUpperCase(), kind },
        order: { id: 'DESC' },
        take: 500,
      }),
    );
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.plan_id) && seen.add(r.plan_id)).map(toRecord);
  }

  async appendDelta(userId: string, planId: string, delta: { type: string; payload: Record<string, unknown> }, opts: AppendDeltaOptions = {}): Promise<PlanDeltaRecord> {
    const barTime = Number.isFinite(opts.barTime) ? Math.trunc(opts.barTime!) : undefined;
    return this.withRetry(async (m) => {
      await this.lockPlan(m, planId);
      const latest = await m
        .getRepository<IdeaSnapshotRow>('IdeaSnapshot')
        .findOne({ where: { plan_id: planId, user_id: userId }, select: { id: true, plan_version: true }, order: { plan_version: 'DESC' } });
      if (!latest) throw new NotFoundError(`unknown plan_id ${planId}`);
      const deltas = m.getRepository<PlanDeltaRow>('PlanDelta');
      const planVersion = barTime !== undefined ? (opts.planVersion ?? latest.plan_version) : null;
      if (barTime !== undefined) {
        // the unique key (plan, plan version, bar, reason): the same bar's same delta is stored once
        const same = await deltas.findOne({ where: { plan_id: planId, plan_version: planVersion!, bar_time: String(barTime), type: delta.type } });
        if (same) return { ...deltaRecord(same), deduplicated: true };
      } else if (opts.dedupeKey) {
        const last = await deltas.findOne({ where: { plan_id: planId }, order: { seq: 'DESC' } });
        if (last && (last.payload as { dedupe_key?: string })?.dedupe_key === opts.dedupeKey) return { ...deltaRecord(last), deduplicated: true };
      }
      const max = await deltas.createQueryBuilder('d').select('MAX(d.seq)', 'max').where('d.plan_id = :planId', { planId }).getRawOne<{ max: number | string | null }>();
      const seq = Number(max?.max ?? 0) + 1;
      const now = new Date();
      const payload = opts.dedupeKey ? { ...delta.payload, dedupe_key: opts.dedupeKey } : delta.payload;
      await deltas.save({ plan_id: planId, seq, user_id: userId, type: delta.type, payload, plan_version: planVersion, bar_time: barTime ?? null, created_at: now });
      return { plan_id: planId, seq, type: delta.type, payload, created_at: now.toISOString() };
    });
  }

  async listDeltas(userId: string, planId: string, afterSeq = 0): Promise<PlanDeltaRecord[]> {
    const rows = await this.db.run((ds) =>
      ds
        .getRepository<PlanDeltaRow>('PlanDelta')
        .createQueryBuilder('d')
        .where('d.plan_id = :planId AND d.user_id = :userId AND d.seq > :afterSeq', { planId, userId, afterSeq })
        .orderBy('d.seq', 'ASC')
        .getMany(),
    );
    return rows.map((r) => deltaRecord(r));
  }

  async listPlans(userId: string, q: PlanHistoryQuery): Promise<{ entries: PlanHistoryEntry[]; nextBeforeId: number | null }> {
    return this.db.run(async (ds) => {
      const snaps = ds.getRepository<IdeaSnapshotRow>('IdeaSnapshot');
      // one row per plan: its first version in range (the ordering key) and its latest version in range
      const qb = snaps.createQueryBuilder('s').select('s.plan_id', 'plan_id').addSelect('MIN(s.id)', 'first_id').addSelect('MAX(s.id)', 'last_id').where('s.user_id = :userId', { userId });
      if (q.symbol) qb.andWhere('s.symbol = :symbol', { symbol: q.symbol.toUpperCase() });
      if (q.kind) qb.andWhere('s.kind = :kind', { kind: q.kind });
      if (q.fromMs !== undefined) qb.andWhere('s.created_at >= :from', { from: new Date(q.fromMs) });
      if (q.toMs !== undefined) qb.andWhere('s.created_at <= :to', { to: new Date(q.toMs) });
      qb.groupBy('s.plan_id');
      if (q.beforeId !== undefined) qb.having('MIN(s.id) < :before', { before: q.beforeId });
      const groups = await qb
        .orderBy('first_id', 'DESC')
        .limit(q.limit + 1)
        .getRawMany<{ plan_id: string; first_id: number | string; last_id: number | string }>();
      const page = groups.slice(0, q.limit);
      if (!page.length) return { entries: [], nextBeforeId: null };
      const ids = page.flatMap((g) => [String(g.first_id), String(g.last_id)]);
      const rows = await snaps.createQueryBuilder('s').where('s.id IN (:...ids)', { ids }).getMany();
      const byId = new Map(rows.map((r) => [String(r.id), r]));
      const planIds = page.map((g) => g.plan_id);
      const last = await ds
        .getRepository<PlanDeltaRow>('PlanDelta')
        .createQueryBuilder('d')
        .innerJoin(
          (sub) =>
            sub
              .select('x.plan_id', 'pid')
              .addSelect('MAX(x.seq)', 'mseq')
              .from('plan_deltas', 'x')
              .where('x.user_id = :userId', { userId })
              .andWhere('x.plan_id IN (:...planIds)', { planIds })
              .groupBy('x.plan_id'),
          'm',
          'm.pid = d.plan_id AND m.mseq = d.seq',
        )
        .where('d.user_id = :userId', { userId })
        .getMany();
      const lastByPlan = new Map(last.map((d) => [d.plan_id, d]));
      const entries = page.map((g): PlanHistoryEntry => {
        const first = byId.get(String(g.first_id))!;
        const latest = byId.get(String(g.last_id))!;
        const d = lastByPlan.get(g.plan_id);
        const state = d && typeof d.payload?.state === 'object' && d.payload.state !== null ? (d.payload.state as Record<string, unknown>) : null;
        return {
          latest: toRecord(latest),
          first_created_at: toIso(first.created_at),
          follower_state: state,
          last_delta_type: d?.type ?? null,
          last_delta_at: d ? toIso(d.created_at) : null,
          order_id: Number(g.first_id),
        };
      });
      return { entries, nextBeforeId: groups.length > q.limit ? entries[entries.length - 1].order_id : null };
    });
  }

  ping(): Promise<void> {
    return this.db.ping();
  }
}
