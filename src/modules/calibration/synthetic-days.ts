import type { DaySource } from '../../core/calibration/calibration-run';
import { etDate } from '../../core/session/et-time';
import { previousTradingDay } from '../../core/session/nyse-calendar';
import type { Bar } from '../../core/bars/bar';
import { resampleBars } from '../../core/bars/resample';
import type { MultiDaySource } from '../../core/calibration/multi-day-run';
import { sessionTag } from '../../core/session/session';
import { dailyBarOfDay, minuteBarsOfDay } from '../../providers/embedded/synthetic-path';

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

/**
 * The embedded synthetic history of a symbol for the multi-day styles: regular-session hourly bars of the
 * last `hourlyDays` trading days and daily bars of the last `dailyDays` (deterministic, labelled synthetic).
 */
export function syntheticMultiDay(symbol: string, nowMs: number, hourlyDays: number, dailyDays: number): MultiDaySource {
  const hourly: Bar[] = [];
  for (const d of tradingDaysBefore(nowMs, hourlyDays))
    hourly.push(
      ...resampleBars(
        minuteBarsOfDay(symbol, d).filter((b) => sessionTag(b.time) === 'regular'),
        '1h',
      ),
    );
  const daily = tradingDaysBefore(nowMs, dailyDays)
    .map((d) => dailyBarOfDay(symbol, d))
    .filter((b): b is Bar => b !== null);
  return { symbol, data_source: 'synthetic', hourly, daily };
}
