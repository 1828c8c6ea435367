/**
 * TypeORM entities. Defined as EntitySchemas built per dialect so that one definition serves Postgres
 * (jsonb, timestamptz) and the embedded better-sqlite3 store (JSON text, datetime) with the same names.
 * The tables themselves are created by the per-dialect migrations in ./migrations (never `synchronize`).
 */
import { EntitySchema } from 'typeorm';
import type { PlaybookStatDbRow, PlanOutcomeDbRow } from './calibration-rows';
import type { FollowLeaseRow, IdeaSnapshotRow, PlanDeltaRow, PlanLayerRow } from './rows';

export type Dialect = 'postgres' | 'sqlite';

const types = (d: Dialect) => (d === 'postgres' ? ({ json: 'jsonb', time: 'timestamptz', id: 'bigint' } as const) : ({ json: 'simple-json', time: 'datetime', id: 'integer' } as const));

export function buildEntities(dialect: Dialect) {
  const t = types(dialect);
  const IdeaSnapshot = new EntitySchema<IdeaSnapshotRow>({
    name: 'IdeaSnapshot',
    tableName: 'idea_snapshots',
    columns: {
      id: { type: t.id, primary: true, generated: 'increment' },
      plan_id: { type: 'varchar', length: 80 },
      plan_version: { type: 'int' },
      user_id: { type: 'varchar', length: 128 },
      symbol: { type: 'varchar', length: 24 },
      style: { type: 'varchar', length: 16 },
      kind: { type: 'varchar', length: 16, default: 'live' },
      payload: { type: t.json },
      created_at: { type: t.time, createDate: true },
    },
    uniques: [{ name: 'uq_idea_snapshots_plan_version', columns: ['plan_id', 'plan_version'] }],
    indices: [{ name: 'ix_idea_snapshots_user_symbol_style', columns: ['user_id', 'symbol', 'style', 'kind'] }],
  });
  const PlanLayer = new EntitySchema<PlanLayerRow>({
    name: 'PlanLayer',
    tableName: 'plan_layers',
    columns: {
      id: { type: t.id, primary: true, generated: 'increment' },
      plan_id: { type: 'varchar', length: 80 },
      plan_version: { type: 'int' },
      user_id: { type: 'varchar', length: 128 },
      levels: { type: t.json },
      zones: { type: t.json },
      annotations: { type: t.json },
      meta: { type: t.json },
      created_at: { type: t.time, createDate: true },
    },
    uniques: [{ name: 'uq_plan_layers_plan_version', columns: ['plan_id', 'plan_version'] }],
  });
  const PlanDelta = new EntitySchema<PlanDeltaRow>({
    name: 'PlanDelta',
    tableName: 'plan_deltas',
    columns: {
      id: { type: t.id, primary: true, generated: 'increment' },
      plan_id: { type: 'varchar', length: 80 },
      seq: { type: 'int' },
      user_id: { type: 'varchar', length: 128 },
      type: { type: 'varchar', length: 32 },
      payload: { type: t.json },
      /** The plan version the follower was following and the bar (epoch ms) that produced the delta. */
      plan_version: { type: 'int', nullable: true },
      bar_time: { type: 'bigint', nullable: true },
      created_at: { type: t.time, createDate: true },
    },
    uniques: [{ name: 'uq_plan_deltas_plan_seq', columns: ['plan_id', 'seq'] }],
    indices: [{ name: 'uq_plan_deltas_plan_version_bar_type', columns: ['plan_id', 'plan_version', 'bar_time', 'type'], unique: true }],
  });
  /** One follower per plan across instances: the owner holds the row until `expires_at` (epoch ms). */
  const FollowLease = new EntitySchema<FollowLeaseRow>({
    name: 'FollowLease',
    tableName: 'follow_leases',
    columns: {
      plan_id: { type: 'varchar', length: 80, primary: true },
      owner: { type: 'varchar', length: 128 },
      expires_at: { type: 'bigint' },
    },
  });
  /** One replayed plan of a calibration source (CalibrationStore; written and read with raw SQL in batches). */
  const PlanOutcome = new EntitySchema<PlanOutcomeDbRow>({
    name: 'PlanOutcome',
    tableName: 'plan_outcomes',
    columns: {
      id: { type: t.id, primary: true, generated: 'increment' },
      source: { type: 'varchar', length: 64 },
      style: { type: 'varchar', length: 16 },
      playbook: { type: 'varchar', length: 64 },
      plan_time: { type: 'bigint' },
      resolved_at: { type: 'bigint' },
      outcome: { type: t.json },
      stored_at: { type: 'bigint' },
    },
    indices: [
      { name: 'ix_plan_outcomes_source_style_time', columns: ['source', 'style', 'plan_time'] },
      { name: 'ix_plan_outcomes_source_time', columns: ['source', 'plan_time'] },
      { name: 'ix_plan_outcomes_source_style_resolved', columns: ['source', 'style', 'resolved_at'] },
      { name: 'ix_plan_outcomes_source_playbook_style', columns: ['source', 'playbook', 'style'] },
    ],
  });
  /** Aggregated statistics of one (source, playbook, style, segment) group (CalibrationStore). */
  const PlaybookStat = new EntitySchema<PlaybookStatDbRow>({
    name: 'PlaybookStat',
    tableName: 'playbook_stats',
    columns: {
      id: { type: t.id, primary: true, generated: 'increment' },
      source: { type: 'varchar', length: 64 },
      playbook: { type: 'varchar', length: 64 },
      style: { type: 'varchar', length: 16 },
      segment_dimension: { type: 'varchar', length: 32 },
      segment_value: { type: 'varchar', length: 64 },
      n: { type: 'int' },
      window_from: { type: 'bigint', nullable: true },
      window_to: { type: 'bigint', nullable: true },
      computed_at: { type: 'bigint' },
      data_sources: { type: t.json },
      stats: { type: t.json },
      stored_at: { type: 'bigint' },
    },
    uniques: [{ name: 'uq_playbook_stats_group', columns: ['source', 'playbook', 'style', 'segment_dimension', 'segment_value'] }],
    indices: [{ name: 'ix_playbook_stats_source_style', columns: ['source', 'style'] }],
  });
  return { IdeaSnapshot, PlanLayer, PlanDelta, FollowLease, PlanOutcome, PlaybookStat };
}
