import { addDays, weekday } from '../../core/session/et-time';
import { isTradingDay } from '../../core/session/nyse-calendar';

/** Third Friday of a month (standard monthly expiration). */
function thirdFriday(y: number, m: number): string {
  const first = `${y}-${String(m).padStart(2, '0')}-01`;
  const offset = (5 - weekday(first) + 7) % 7;
  return addDays(first, offset + 14);
}

/** Expiration moved to the previous trading day when it falls on a holiday (e.g. Good Friday). */
function tradingOrBefore(d: string): string {
  let x = d;
  for (let i = 0; i < 5 && !isTradingDay(x); i++) x = addDays(x, -1);
  return x;
}

/** Underlyings whose options also expire every trading day (SPY and QQQ since 2022, IWM since 2023). */
export const DAILY_EXPIRATION_UNDERLYINGS: ReadonlySet<string> = new Set(['SPY', 'QQQ', 'IWM']);

/**
 * Standard US equity option expirations after `today`: weekly Fridays for 8 weeks, monthlies
 * (third Friday) for 12 months, and January LEAPS for the next two years; with `daily`, also every
 * trading day of the next two weeks (the daily expirations of SPY, QQQ and IWM).
 */
export function standardExpirations(today: string, daily = false): string[] {
  const out = new Set<string>();
  if (daily) for (let d = today, i = 0; i < 14; i++, d = addDays(d, 1)) if (isTradingDay(d)) out.add(d);
  let fri = addDays(today, (5 - weekday(today) + 7) % 7);
  for (let i = 0; i < 8; i++, fri = addDays(fri, 7)) out.add(tradingOrBefore(fri));
  const [y, m] = today.split('-').map(Number);
  for (let k = 0; k < 13; k++) {
    const mm = ((m - 1 + k) % 12) + 1;
    const yy = y + Math.floor((m - 1 + k) / 12);
    out.add(tradingOrBefore(thirdFriday(yy, mm)));
  }
  for (const yy of [y + 1, y + 2]) out.add(tradingOrBefore(thirdFriday(yy, 1)));
  return [...out].filter((d) => d >= today).sort();
}

/** Strike spacing by price, as listed exchanges do for liquid names. */
export function strikeStep(spot: number): number {
  if (spot < 25) return 0.5;
  if (spot < 100) return 1;
  if (spot < 250) return 2.5;
  if (spot < 1000) return 5;
  return 10;
}
