import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors';
import { DatabaseService } from './database.service';
import {
  IdeaKind,
  IdeaRecord,
  IdeaStoreApi,
  LayerRecord,
  PlanDeltaRecord,
  SaveIdeaInput,
} from './idea-store.types';
import { newPlanId } from './plan-id';
import type { IdeaSnapshotRow, PlanDeltaRow, PlanLayerRow } from './rows';

const MAX_RETRIES = 5;

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string; driverError?: { code?: string } };
  return e?.code === '23505' || e?.driverError?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
}

const toIso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

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
 * that loses the race retries). The embedded sql.js store has one connection, so its transactions
 * are serialised here (overlapping TypeORM transactions on one connection would not be isolated).
 */
@Injectable()
export class IdeaStore implements IdeaStoreApi {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: DatabaseService) {}

  newPlanId(symbol: string, style: string, at?: Date): string {
    return newPlanId(symbol, style, at);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.db.dialect !== 'sqljs') return fn();
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Serialise writers of one plan inside the transaction: on Postgres a transaction-scoped advisory
   * lock keyed by the plan id (released at commit), so "max + 1" versioning never races; the embedded
   * store is already serialised by `exclusive`. The unique constraints remain as the last line.
   */
  private async lockPlan(m: EntityManager, planId: string): Promise<void> {
    if (this.db.dialect === 'postgres') await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [planId]);
  }

  private async withRetry<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    const ds = this.db.dataSource();
    return this.exclusive(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await ds.transaction(fn);
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= MAX_RETRIES) throw err;
        }
      }
    });
  }

  async save(input: SaveIdeaInput): Promise<IdeaRecord> {
    return this.withRetry(async (m) => {
      const snapshots = m.getRepository<IdeaSnapshotRow>('IdeaSnapshot');
      const planId = input.plan_id ?? this.newPlanId(input.symbol, input.style);
      await this.lockPlan(m, planId);
      if (input.plan_id) {
        const owner = await snapshots.findOne({ where: { plan_id: planId }, order: { plan_version: 'DESC' } });
        if (owner && owner.user_id !== input.user_id) throw new NotFoundError(`unknown plan_id ${planId}`);
      }
      const max = await snapshots
        .createQueryBuilder('s')
        .select('MAX(s.plan_version)', 'max')
        .where('s.plan_id = :planId', { planId })
        .getRawOne<{ max: number | string | null }>();
      const version = Number(max?.max ?? 0) + 1;
      const now = new Date();
      const payload = { ...input.payload, plan_id: planId, version, plan_version: version };
      const row = await snapshots.save({
        plan_id: planId,
        plan_version: version,
        user_id: input.user_id,
        symbol: input.symbol.toUpperCase(),
        style: input.style,
        kind: input.kind ?? 'live',
        payload,
        created_at: now,
      });
      if (input.layers) {
        await m.getRepository<PlanLayerRow>('PlanLayer').save({
          plan_id: planId,
          plan_version: version,
          user_id: input.user_id,
          levels: input.layers.levels ?? [],
          zones: input.layers.zones ?? [],
          annotations: input.layers.annotations ?? [],
          meta: input.layers.meta ?? {},
          created_at: now,
        });
      }
      return toRecord({ ...row, payload, created_at: now });
    });
  }

  async get(userId: string, planId: string, version?: number): Promise<IdeaRecord> {
    const repo = this.db.dataSource().getRepository<IdeaSnapshotRow>('IdeaSnapshot');
    const row = await repo.findOne({
      where: { plan_id: planId, user_id: userId, ...(version !== undefined ? { plan_version: version } : {}) },
      order: { plan_version: 'DESC' },
    });
    if (!row) throw new NotFoundError(version !== undefined ? `unknown plan_id ${planId} version ${version}` : `unknown plan_id ${planId}`);
    return toRecord(row);
  }

  async getLayers(userId: string, planId: string, version?: number): Promise<LayerRecord> {
    const repo = this.db.dataSource().getRepository<PlanLayerRow>('PlanLayer');
    const row = await repo.findOne({
      where: { plan_id: planId, user_id: userId, ...(version !== undefined ? { plan_version: version } : {}) },
      order: { plan_version: 'DESC' },
    });
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
    const repo = this.db.dataSource().getRepository<IdeaSnapshotRow>('IdeaSnapshot');
    const row = await repo.findOne({
      where: { user_id: userId, symbol: symbol.toUpperCase(), style, kind },
      order: { id: 'DESC' },
    });
    return row ? toRecord(row) : null;
  }

  async listByKind(userId: string, symbol: string, kind: IdeaKind): Promise<IdeaRecord[]> {
    const repo = this.db.dataSource().getRepository<IdeaSnapshotRow>('IdeaSnapshot');
    const rows = await repo.find({
      where: { user_id: userId, symbol: symbol.toUpperCase(), kind },
      order: { id: 'DESC' },
      take: 500,
    });
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.plan_id) && seen.add(r.plan_id)).map(toRecord);
  }

  async appendDelta(
    userId: string,
    planId: string,
    delta: { type: string; payload: Record<string, unknown> },
    opts: { dedupeKey?: string } = {},
  ): Promise<PlanDeltaRecord> {
    return this.withRetry(async (m) => {
      await this.lockPlan(m, planId);
      const owner = await m
        .getRepository<IdeaSnapshotRow>('IdeaSnapshot')
        .findOne({ where: { plan_id: planId, user_id: userId }, select: { id: true } });
      if (!owner) throw new NotFoundError(`unknown plan_id ${planId}`);
      const deltas = m.getRepository<PlanDeltaRow>('PlanDelta');
      if (opts.dedupeKey) {
        const last = await deltas.findOne({ where: { plan_id: planId }, order: { seq: 'DESC' } });
        if (last && (last.payload as { dedupe_key?: string })?.dedupe_key === opts.dedupeKey) {
          return { plan_id: last.plan_id, seq: last.seq, type: last.type, payload: last.payload, created_at: toIso(last.created_at) };
        }
      }
      const max = await deltas
        .createQueryBuilder('d')
        .select('MAX(d.seq)', 'max')
        .where('d.plan_id = :planId', { planId })
        .getRawOne<{ max: number | string | null }>();
      const seq = Number(max?.max ?? 0) + 1;
      const now = new Date();
      const payload = opts.dedupeKey ? { ...delta.payload, dedupe_key: opts.dedupeKey } : delta.payload;
      await deltas.save({ plan_id: planId, seq, user_id: userId, type: delta.type, payload, created_at: now });
      return { plan_id: planId, seq, type: delta.type, payload, created_at: now.toISOString() };
    });
  }

  async listDeltas(userId: string, planId: string, afterSeq = 0): Promise<PlanDeltaRecord[]> {
    const repo = this.db.dataSource().getRepository<PlanDeltaRow>('PlanDelta');
    const rows = await repo
      .createQueryBuilder('d')
      .where('d.plan_id = :planId AND d.user_id = :userId AND d.seq > :afterSeq', { planId, userId, afterSeq })
      .orderBy('d.seq', 'ASC')
      .getMany();
    return rows.map((r) => ({ plan_id: r.plan_id, seq: r.seq, type: r.type, payload: r.payload, created_at: toIso(r.created_at) }));
  }

  ping(): Promise<void> {
    return this.db.ping();
  }
}
