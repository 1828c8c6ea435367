/**
 * Stored plan snapshots are read back through the plan schema, like vendor payloads at the edge: an old
 * or damaged row becomes a typed error naming the fields, never a crash deep inside a feature.
 */
import { AppError } from '../../common/errors';
import { unmeasuredMeta } from '../calibration/calibration-book';
import { z } from 'zod';
import { PlanLayersSchema, StoredPlanSchema, type StoredPlan } from './plan.schema';

/** 500 `snapshot_unreadable`: the row exists but does not fit the plan schema (answered with the request id). */
export class SnapshotUnreadableError extends AppError {
  readonly status = 500;
  readonly code = 'snapshot_unreadable';
  constructor(
    readonly planId: string,
    readonly version: number | null,
    readonly problems: Array<{ path: string; message: string }>,
  ) {
    super(`stored plan ${planId}${version ? ` v${version}` : ''} cannot be read: ${problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ')}`);
    this.details = { plan_id: planId, version, problems };
  }
}

export type SnapshotRead = { ok: true; plan: StoredPlan } | { ok: false; error: SnapshotUnreadableError };

/**
 * Snapshots written before measured odds existed stated heuristic touch scores under `probabilities` with
 * `calibration_meta: {calibrated: false, method: 'heuristic_distance_atr'}`. They are read as written, labelled:
 * the numbers are kept (that is what the plan said) and the meta says they were never measured.
 */
export function upgradeLegacySnapshot(json: Record<string, unknown>): Record<string, unknown> {
  const meta = json.calibration_meta as Record<string, unknown> | undefined;
  if (!meta || typeof meta !== 'object' || 'event' in meta) return json;
  const p = (json.probabilities ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    ...json,
    probabilities: { tp1: num(p.tp1), tp2: num(p.tp2), tp3: num(p.tp3) },
    calibration_meta: unmeasuredMeta(
      'legacy_heuristic: stated before measured odds existed',
      typeof meta.note === 'string' ? meta.note : 'Heuristic numbers of an older plan version.',
      'legacy heuristic touch score (distance in ATR); not a measured frequency',
    ),
  };
}

/** Parse a stored snapshot (identity from the row wins over what the JSON says). */
export function readPlanSnapshot(json: unknown, identity: { plan_id: string; version: number }): SnapshotRead {
  const base = typeof json === 'object' && json !== null ? upgradeLegacySnapshot(json as Record<string, unknown>) : {};
  const res = StoredPlanSchema.safeParse({ ...base, plan_id: identity.plan_id, version: identity.version, plan_version: identity.version });
  if (res.success) return { ok: true, plan: res.data };
  const problems = res.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
  return { ok: false, error: new SnapshotUnreadableError(identity.plan_id, identity.version, problems) };
}

/** The plan of a stored record (identity from the row), or the typed error thrown. */
export function snapshotOf(r: { payload: unknown; plan_id: string; plan_version: number }): StoredPlan {
  return parsePlanSnapshot(r.payload, { plan_id: r.plan_id, version: r.plan_version });
}

/** The plan or the typed error thrown. */
export function parsePlanSnapshot(json: unknown, identity: { plan_id: string; version: number }): StoredPlan {
  const r = readPlanSnapshot(json, identity);
  if (!r.ok) throw r.error;
  return r.plan;
}

/** Chart layers as stored beside a plan version (GET /api/v1/gpt/chart-layers). */
export const StoredLayersSchema = PlanLayersSchema.pick({ levels: true, zones: true, annotations: true, meta: true }).extend({
  plan_id: z.string(),
  plan_version: z.number().int(),
});
export type StoredLayers = z.infer<typeof StoredLayersSchema>;

export function parseStoredLayers(json: unknown, identity: { plan_id: string; version: number }): StoredLayers {
  const base = typeof json === 'object' && json !== null ? json : {};
  const res = StoredLayersSchema.safeParse({ ...base, plan_id: identity.plan_id, plan_version: identity.version });
  if (res.success) return res.data;
  throw new SnapshotUnreadableError(
    identity.plan_id,
    identity.version,
    res.error.issues.slice(0, 10).map((i) => ({ path: `layers.${i.path.join('.')}`, message: i.message })),
  );
}
