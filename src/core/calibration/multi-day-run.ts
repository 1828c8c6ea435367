/**
 * Calibration of the multi-day styles (swing: 1h and daily playbooks; leaps: daily) over one long bar
 * history at once: their plans live for days (time stop in bars: swing 35, leaps 60 bars of the plan
 * interval), so the day-at-a-time run of the intraday styles does not apply. Same engine, plan builder
 * and follower as every other replay; plans still open at the end of the data are left out.
 */
import type { Bar } from '../bars/bar';
import type { Style } from '../strategies/strategy.types';
import type { CostModel } from '../stats/costs';
import type { OutcomeRow } from '../stats/outcome.types';
import { replayOutcomes } from './replay-outcomes';

export const MULTI_DAY_STYLES: readonly Style[] = ['swing', 'leaps'];

export interface MultiDaySource {
  symbol: string;
  data_source: string;
  /** Regular-session hourly bars (swing's 1h playbooks), oldest first. */
  hourly: readonly Bar[];
  /** Daily bars, oldest first. */
  daily: readonly Bar[];
}

/** Bars evaluated before the first plan: EMA50/ATR/ADX settled on the plan interval. */
const WARMUP_BARS = 60;

export function runMultiDayCalibration(src: MultiDaySource, styles: readonly Style[] = MULTI_DAY_STYLES, costs?: CostModel): OutcomeRow[] {
  const rows: OutcomeRow[] = [];
  for (const style of styles) {
    const intraday = style === 'swing' ? { '1h': src.hourly } : {};
    rows.push(...replayOutcomes({ symbol: src.symbol, style, data_source: src.data_source, intraday, daily: src.daily, costs, warmup: WARMUP_BARS }));
  }
  return rows.sort((a, b) => a.plan_time - b.plan_time || a.playbook.localeCompare(b.playbook));
}
