/**
 * Row shapes of the calibration tables as stored (see migrations/1768000000000-calibration-store.ts).
 * bigint columns come back as strings on PostgreSQL and numbers on SQLite; JSON columns as objects on
 * PostgreSQL (jsonb) and as text on SQLite when read with raw SQL.
 */
export interface PlanOutcomeDbRow {
  id: string | number;
  source: string;
  style: string;
  playbook: string;
  plan_time: string | number;
  resolved_at: string | number;
  /** The OutcomeRow. */
  outcome: unknown;
  /** Epoch ms of the replace that wrote the row. */
  stored_at: string | number;
}

export interface PlaybookStatDbRow {
  id: string | number;
  source: string;
  playbook: string;
  style: string;
  segment_dimension: string;
  segment_value: string;
  /** stats.n (filled plans). */
  n: number;
  window_from: string | number | null;
  window_to: string | number | null;
  computed_at: string | number;
  data_sources: unknown;
  /** The OutcomeStats. */
  stats: unknown;
  stored_at: string | number;
}
