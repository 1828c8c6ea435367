/**
 * The embedded default's event calendar: deterministic and labelled synthetic, so the event gates can
 * be seen on a fresh machine without a vendor key. Not a forecast of real release dates.
 *
 * Macro (US, impact high, 08:30 / 14:00 ET, moved to the next NYSE trading day when the date is not one):
 * - NFP  (Employment Situation): the first Friday of each month, 08:30 ET;
 * - CPI: the second Wednesday of each month, 08:30 ET;
 * - FOMC rate decision: the third Wednesday of Jan, Mar, May, Jun, Jul, Sep, Nov and Dec, 14:00 ET.
 * Earnings (single stocks): quarterly, in Jan/Apr/Jul/Oct on day 10 + (hash(symbol) mod 18), bmo or
 * amc by the hash; moved to the next trading day.
 */
import type { MacroEvent } from '../../providers/provider.types';
import { addDays, etWallToUtc, weekday } from '../session/et-time';
import { isTradingDay, nextTradingDay } from '../session/nyse-calendar';

export const SYNTHETIC_SOURCE = 'synthetic';
export const SYNTHETIC_CALENDAR_BANNER = 'SYNTHETIC EVENT CALENDAR — generated release dates for testing the event gates, not real release dates.';

const FOMC_MONTHS = new Set([1, 3, 5, 6, 7, 9, 11, 12]);

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
/** The date itself when NYSE trades on it, else the next trading day; per date string, bounded (the calendar is fixed). */
const nextOpen = new Map<string, string>();
const tradingOrNext = (d: string) => {
  let hit = nextOpen.get(d);
  if (hit === undefined) {
    hit = isTradingDay(d) ? d : nextTradingDay(d);
    if (nextOpen.size >= 4096) nextOpen.clear();
    nextOpen.set(d, hit);
  }
  return hit;
};

/** The k-th (1-based) given weekday (0 = Sunday) of a month. */
export function nthWeekday(y: number, m: number, wd: number, k: number): string {
  let d = ymd(y, m, 1);
  while (weekday(d) !== wd) d = addDays(d, 1);
  return addDays(d, 7 * (k - 1));
}

interface MonthEvents {
  /** 00:00 ET on the 1st of the month, UTC ms. */
  startMs: number;
  events: Array<{ ms: number; event: MacroEvent }>;
}

/**
 * A month's releases depend on the month only: computed once per month (every plan of a scan asks for
 * the same window). Bounded: at most MAX_MONTHS months kept (20 years), cleared when full.
 */
const months = new Map<number, MonthEvents>();
const MAX_MONTHS = 240;

function monthEvents(y: number, m: number): MonthEvents {
  const key = y * 12 + (m - 1);
  const hit = months.get(key);
  if (hit) return hit;
  const ev = (name: string, date: string, h: number, min: number) => {
    const ms = etWallToUtc(tradingOrNext(date), h, min);
    const event: MacroEvent = { time: new Date(ms).toISOString(), country: 'US', event: name, importance: 'high', consensus: null, previous: null, actual: null, unit: null };
    return { ms, event };
  };
  const events = [ev('Non Farm Payrolls', nthWeekday(y, m, 5, 1), 8, 30), ev('CPI YoY', nthWeekday(y, m, 3, 2), 8, 30)];
  if (FOMC_MONTHS.has(m)) events.push(ev('FOMC Interest Rate Decision', nthWeekday(y, m, 3, 3), 14, 0));
  const out = { startMs: etWallToUtc(ymd(y, m, 1), 0, 0), events };
  if (months.size >= MAX_MONTHS) months.clear();
  months.set(key, out);
  return out;
}

/** Synthetic macro releases with fromMs ≤ time < toMs, soonest first (fresh objects: callers may change them). */
export function syntheticMacroEvents(fromMs: number, toMs: number): MacroEvent[] {
  const out: MacroEvent[] = [];
  const start = new Date(fromMs - 40 * 86_400_000);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth() + 1;
  for (let i = 0; i < 240; i++) {
    const month = monthEvents(y, m);
    if (month.startMs >= toMs) break;
    for (const e of month.events) if (e.ms >= fromMs && e.ms < toMs) out.push({ ...e.event });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out.sort((a, b) => a.time.localeCompare(b.time));
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Synthetic quarterly earnings dates of a stock on ET dates in [fromDate, toDate]. */
export function syntheticEarnings(symbol: string, fromDate: string, toDate: string): Array<{ symbol: string; date: string; hour: 'bmo' | 'amc' }> {
  const h = fnv(symbol.toUpperCase());
  const day = 10 + (h % 18);
  const hour = (h >>> 8) % 2 === 0 ? 'amc' : 'bmo';
  const out: Array<{ symbol: string; date: string; hour: 'bmo' | 'amc' }> = [];
  const y0 = Number(fromDate.slice(0, 4)) - 1;
  for (let y = y0; y <= Number(toDate.slice(0, 4)) + 1; y++) {
    for (const m of [1, 4, 7, 10]) {
      const d = tradingOrNext(ymd(y, m, day));
      if (d >= fromDate && d <= toDate) out.push({ symbol: symbol.toUpperCase(), date: d, hour });
    }
  }
  return out;
}
