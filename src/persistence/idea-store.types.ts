/**
 * The persistence API the Plan, Ideas, Charts and Stream modules use (implemented by IdeaStore,
 * src/persistence/idea-store.service.ts, provided globally by PersistenceModule). Every read takes the
 * caller's user id: another user's idea is "not found" (404), never "forbidden".
 */
/** live: the current plan (versioned per day); scenario: frozen side plans; historical: planned as of a past moment (never replaces live). */
export type IdeaKind = 'live' | 'scenario' | 'historical';

export interface PlanLayersData {
  levels: unknown[];
  zones: unknown[];
  annotations: unknown[];
  /** Free-form JSON at the storage boundary: readers parse it through the core schemas (plan-snapshot, delta-record). */
  meta?: Record<string, unknown>;
}

export interface SaveIdeaInput {
  user_id: string;
  symbol: string;
  style: string;
  /** Existing plan id to add a version to; a new id is minted when absent. */
  plan_id?: string;
  kind?: IdeaKind;
  /** The full plan payload (JSON-safe). The store writes plan_id, version and plan_version into it. */
  /** Free-form JSON at the storage boundary: readers parse it through the core schemas (plan-snapshot, delta-record). */
  payload: Record<string, unknown>;
  layers?: PlanLayersData;
}

export interface IdeaRecord {
  plan_id: string;
  plan_version: number;
  user_id: string;
  symbol: string;
  style: string;
  kind: IdeaKind;
  /** Free-form JSON at the storage boundary: readers parse it through the core schemas (plan-snapshot, delta-record). */
  payload: Record<string, unknown>;
  /** ISO-8601 UTC. */
  created_at: string;
}

export interface LayerRecord extends PlanLayersData {
  plan_id: string;
  plan_version: number;
}

export interface PlanDeltaRecord {
  plan_id: string;
  /** 1, 2, 3 … per plan, assigned by the store in commit order. */
  seq: number;
  /** plan_state | target_hit | stop_hit | trail_stop | invalidated | replan | … (the stream's event type). */
  type: string;
  /** Free-form JSON at the storage boundary: readers parse it through the core schemas (plan-snapshot, delta-record). */
  payload: Record<string, unknown>;
  created_at: string;
  /** True when appendDelta found this delta already stored and wrote nothing (do not publish it again). */
  deduplicated?: boolean;
}

export interface AppendDeltaOptions {
  /**
   * Legacy: skip the write when the plan's LAST delta carries the same `payload.dedupe_key`. The key is
   * still written into the payload. Superseded by `barTime` (which dedupes against every stored delta).
   */
  dedupeKey?: string;
  /**
   * The bar (epoch ms) that produced the delta. With it, the delta is stored at most once per
   * (plan, plan version, bar, reason = `type`), enforced by a unique index; a repeat returns the stored
   * record with `deduplicated: true`.
   */
  barTime?: number;
  /** The plan version being followed (default: the plan's latest version). Used with `barTime`. */
  planVersion?: number;
}

export interface PlanHistoryQuery {
  symbol?: string;
  /** Plans with a version saved at or after / at or before these times (UTC ms). */
  fromMs?: number;
  toMs?: number;
  kind?: IdeaKind;
  /** Page size (1–100). */
  limit: number;
  /** Keyset cursor: only plans first saved before this row id (from the previous page). */
  beforeId?: number;
}

export interface PlanHistoryEntry {
  /** The plan's latest version (within the query's time range). */
  latest: IdeaRecord;
  /** When its first version (in range) was saved, ISO UTC. */
  first_created_at: string;
  /** The follower's state after its last delta (free-form JSON; readers parse it), null when never followed. */
  follower_state: Record<string, unknown> | null;
  last_delta_type: string | null;
  last_delta_at: string | null;
  /** Ordering key (row id of the first version in range): the next page's `beforeId`. */
  order_id: number;
}

export interface IdeaStoreApi {
  /** `{SYMBOL}-{style}-{yyyymmdd}-{6 base32 chars}` (date in ET of `at`). */
  newPlanId(symbol: string, style: string, at?: Date): string;
  /** Atomically assigns the next version (1 for a new plan id) and writes the snapshot and its layers. */
  save(input: SaveIdeaInput): Promise<IdeaRecord>;
  /**
   * Several saves in ONE transaction (a scan page): each exactly as `save` would store it, in order;
   * all or none. Optional: callers fall back to `save` one by one.
   */
  saveMany?(inputs: SaveIdeaInput[]): Promise<IdeaRecord[]>;
  /** Plan id of the latest idea of this user per symbol for style+kind (only ids, no payloads); one query. */
  latestPlanIds?(userId: string, symbols: string[], style: string, kind?: IdeaKind): Promise<Map<string, string>>;
  /** Latest version, or `version`. Throws NotFoundError for unknown ids and other users' ids. */
  get(userId: string, planId: string, version?: number): Promise<IdeaRecord>;
  getLayers(userId: string, planId: string, version?: number): Promise<LayerRecord>;
  /** Latest idea of this user for symbol+style+kind (today or any day), or null. */
  findLatest(userId: string, symbol: string, style: string, kind?: IdeaKind): Promise<IdeaRecord | null>;
  /** Latest version of each of this user's scenario plans for a symbol. */
  listByKind(userId: string, symbol: string, kind: IdeaKind): Promise<IdeaRecord[]>;
  /**
   * Append a delta (seq = previous + 1). With `opts.barTime`, a delta with the same (plan, plan version,
   * bar, type) already stored is not written again and the stored record is returned (`deduplicated`).
   * With only `dedupeKey`, the legacy rule: compared with the latest delta's `payload.dedupe_key`.
   */
  appendDelta(userId: string, planId: string, delta: { type: string; payload: Record<string, unknown> }, opts?: AppendDeltaOptions): Promise<PlanDeltaRecord>;
  /** Deltas with seq > afterSeq, oldest first. */
  listDeltas(userId: string, planId: string, afterSeq?: number): Promise<PlanDeltaRecord[]>;
  /** This user's plans, newest first (keyset-paged), each with its latest version and the follower's last state. */
  listPlans?(userId: string, q: PlanHistoryQuery): Promise<{ entries: PlanHistoryEntry[]; nextBeforeId: number | null }>;
  /** Used by /health/ready. */
  ping(): Promise<void>;
}

export const IDEA_STORE = Symbol('IDEA_STORE');
