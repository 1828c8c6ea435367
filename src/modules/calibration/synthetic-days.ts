import type { DaySource } from '../../core/calibration/calibration-run';
import { etDate } from '../../core/session/et-time';
import { previousTradingDay } from '../../core/session/nyse-calendar';
import { minuteBarsOfDay } from '../../providers/embedded/synthetic-path';

/** The last `n` complete trading days before the ET date of `nowMs`, oldest first. */
export function tradingDaysBefore(nowMs: number, n: number): string[] {
  const days: string[] = [];
  for (let d = previousTradingDay(etDate(nowMs)); days.length < n; d = previousTradingDay(d)) days.unshift(d);
  return days;
}

/** The embedded synthetic history of a symbol as a calibration day source (deterministic). */
export function syntheticDays(symbol: string, nowMs: number, n: number): DaySource {
  return { symbol, data_source: 'synthetic', days: tradingDaysBefore(nowMs, n), minutes: (d) => minuteBarsOfDay(symbol, d) };
}
