/** Row shapes as stored (snake_case columns, one shape for both dialects). */
export interface IdeaSnapshotRow {
  id: string;
  plan_id: string;
  plan_version: number;
  user_id: string;
  symbol: string;
  style: string;
  kind: string;
  /** Free-form JSON at the storage boundary: readers parse it through the core schemas (plan-snapshot, delta-record). */
  payload: Record<string, unknown>;
  created_at: Date;
}

export interface PlanLayerRow {
  id: string;
  plan_id: string;
  plan_version: number;
  user_id: string;
  levels: unknown[];
  zones: unknown[];
  annotations: unknown[];
  /** Free-form JSON at the storage boundary: readers parse it through the core schemas (plan-snapshot, delta-record). */
  meta: Record<string, unknown>;
  created_at: Date;
}

export interface PlanDeltaRow {
  id: string;
  plan_id: string;
  seq: number;
  user_id: string;
  type: string;
  /** Free-form JSON at the storage boundary: readers parse it through the core schemas (plan-snapshot, delta-record). */
  payload: Record<string, unknown>;
  plan_version: number | null;
  /** bigint: a string on Postgres, a number on SQLite. */
  bar_time: string | number | null;
  created_at: Date;
}

export interface FollowLeaseRow {
  plan_id: string;
  owner: string;
  expires_at: string | number;
}
