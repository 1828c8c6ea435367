/**
 * The calibration store (issue 12 item 2): outcome rows of replayed plans and the statistics
 * aggregated from them, per calibration source (`synthetic`, `replay`, `polygon` …) and style.
 * Implemented by CalibrationStore (src/persistence/calibration-store.service.ts), provided globally by
 * PersistenceModule under CALIBRATION_STORE. Times are UTC epoch ms. Bad arguments (unknown style,
 * a row of another style, a non-finite number, a duplicate stats group) throw a 400-class
 * ValidationFailedError naming the field; an unreachable database a 503 `database_unavailable`.
 */
import type { StatsGroup } from '../core/stats/aggregate';
import type { OutcomeRow } from '../core/stats/outcome.types';
import type { Style } from '../core/strategies/strategy.types';

export interface CalibrationStoreApi {
  /** Replace every outcome row of (source, style) in one transaction. */
  replaceOutcomes(source: string, style: Style, rows: readonly OutcomeRow[]): Promise<void>;
  /** Rows of a source (optionally one style, optionally only resolved_at < resolvedBefore), oldest plan_time first. */
  listOutcomes(source: string, opts?: { style?: Style; resolvedBefore?: number }): Promise<OutcomeRow[]>;
  /** Replace the stats groups of (source, style). */
  replaceStats(source: string, style: Style, groups: readonly StatsGroup[], computedAt: number): Promise<void>;
  listStats(source: string, style?: Style): Promise<Array<StatsGroup & { computed_at: number }>>;
  /** What is stored: one entry per (source, style). */
  sources(): Promise<Array<{ source: string; style: Style; n_rows: number; updated_at: number }>>;
}

export const CALIBRATION_STORE = Symbol('CALIBRATION_STORE');
