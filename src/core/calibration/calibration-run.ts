/**
 * A calibration run over a bar source, one trading day at a time so callers can yield between days:
 * each day is replayed with the two previous sessions as warm-up (prior-day levels, EMAs), and only the
 * plans made on that day are kept. Scalp runs on 1m bars, intraday on 5m bars resampled from them.
 */
import type { Bar } from '../bars/bar';
import { resampleBars } from '../bars/resample';
import { etDate } from '../session/et-time';
import { sessionTag } from '../session/session';
import type { Style } from '../strategies/strategy.types';
import type { CostModel } from '../stats/costs';
import type { OutcomeRow } from '../stats/outcome.types';
import { replayOutcomes } from './replay-outcomes';

export const CALIBRATED_STYLES: readonly Style[] = ['scalp', 'intraday'];

/** Regular-session minute bars of consecutive trading days (oldest first). */
export interface DaySource {
  symbol: string;
  data_source: string;
  days: string[];
  minutes(day: string): readonly Bar[];
}

/**
 * Earlier sessions replayed as warm-up before the day whose plans are kept: enough that more history
 * changes no row (test/strategies/calibration-warmup-handcheck.spec.ts) — for intraday the trend regime
 * reads EMA50 of 15-minute bars (26 a session), which needs ~8 sessions to forget its seed.
 */
export const WARMUP_SESSIONS: Record<Style, number> = { scalp: 2, intraday: 8, swing: 0, leaps: 0 };

/** Outcome rows of the plans made on `days[k]`. */
export function replayDay(src: DaySource, k: number, style: Style, costs?: CostModel): OutcomeRow[] {
  const window = src.days.slice(Math.max(0, k - WARMUP_SESSIONS[style]), k + 1).flatMap((d) => src.minutes(d).filter((b) => sessionTag(b.time) === 'regular'));
  if (window.length === 0) return [];
  const day = src.days[k];
  const intraday = style === 'scalp' ? { '1m': window } : { '5m': resampleBars(window, '5m') };
  const warmup = style === 'scalp' ? 30 : 12;
  // plans are made on `day` only; the earlier sessions just warm the indicators up (a plan never outlives its session)
  const from = src.minutes(day)[0]?.time;
  return replayOutcomes({ symbol: src.symbol, style, data_source: src.data_source, intraday, costs, warmup, from }).filter((r) => etDate(r.plan_time) === day);
}

/**
 * Every day of a source for the calibrated styles, from `firstDay` (default 2: the first two days are
 * warm-up only, for prior-day levels; 0 for a recording whose first sessions must count too — plans on
 * them see the same short history live requests would); `pause` lets async callers breathe.
 */
export async function runCalibration(src: DaySource, opts: { styles?: readonly Style[]; costs?: CostModel; pause?: () => Promise<void>; firstDay?: number } = {}): Promise<OutcomeRow[]> {
  const rows: OutcomeRow[] = [];
  for (let k = opts.firstDay ?? 2; k < src.days.length; k++) {
    for (const style of opts.styles ?? CALIBRATED_STYLES) rows.push(...replayDay(src, k, style, opts.costs));
    if (opts.pause) await opts.pause();
  }
  return rows;
}
