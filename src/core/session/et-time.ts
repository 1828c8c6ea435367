/**
 * America/New_York wall time without a timezone library on the hot path: US DST rules are fixed by
 * law (2007+: second Sunday of March → first Sunday of November; 1987–2006: first Sunday of April →
 * last Sunday of October), transitions at 02:00 local. Results are cached per UTC day.
 */
const HOUR = 3_600_000;
const DAY = 86_400_000;

function nthSundayUtc(year: number, month: number, n: number): number {
  const first = Date.UTC(year, month, 1);
  const dow = new Date(first).getUTCDay();
  return first + (((7 - dow) % 7) + (n - 1) * 7) * DAY;
}

function lastSundayUtc(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  return last - new Date(last).getUTCDay() * DAY;
}

/** DST interval [start, end) in UTC ms for a year. */
function dstBounds(year: number): [number, number] {
  if (year >= 2007) {
    return [nthSundayUtc(year, 2, 2) + 7 * HOUR, nthSundayUtc(year, 10, 1) + 6 * HOUR];
  }
  return [nthSundayUtc(year, 3, 1) + 7 * HOUR, lastSundayUtc(year, 9) + 6 * HOUR];
}

const boundsCache = new Map<number, [number, number]>();
// The last year looked up, kept as plain numbers so the hot path allocates nothing.
let cachedYearStart = 0;
let cachedYearEnd = -1;
let cachedDstStart = 0;
let cachedDstEnd = 0;

/** Offset of New York from UTC in ms at an instant (−4 h in summer, −5 h in winter). */
export function etOffsetMs(utcMs: number): number {
  if (!(utcMs >= cachedYearStart && utcMs < cachedYearEnd)) {
    const year = new Date(utcMs).getUTCFullYear();
    if (!Number.isFinite(year)) return -5 * HOUR;
    let b = boundsCache.get(year);
    if (!b) {
      b = dstBounds(year);
      boundsCache.set(year, b);
    }
    cachedYearStart = Date.UTC(year, 0, 1);
    cachedYearEnd = Date.UTC(year + 1, 0, 1);
    cachedDstStart = b[0];
    cachedDstEnd = b[1];
  }
  return utcMs >= cachedDstStart && utcMs < cachedDstEnd ? -4 * HOUR : -5 * HOUR;
}

/** Whole days since the epoch of the ET calendar date of an instant (a cheap numeric date key). */
export function etDayNumber(utcMs: number): number {
  return Math.floor(etLocalMs(utcMs) / DAY);
}

/** Milliseconds since the UTC epoch of the same wall-clock reading in New York ("local epoch"). */
export function etLocalMs(utcMs: number): number {
  return utcMs + etOffsetMs(utcMs);
}

/** 'YYYY-MM-DD' of day numbers 0 (1970-01-01) … 2^16 − 1 (2149), filled as days are asked for. */
const DAY_STRINGS: (string | undefined)[] = new Array(65_536);

/** ET calendar date YYYY-MM-DD of an instant (per bar on hot paths: one string per day, not per call). */
export function etDate(utcMs: number): string {
  const day = etDayNumber(utcMs);
  if (day >= 0 && day < 65_536) return (DAY_STRINGS[day] ??= new Date(day * DAY).toISOString().slice(0, 10));
  return new Date(etLocalMs(utcMs)).toISOString().slice(0, 10);
}

/** Minutes after ET midnight (0–1439) of an instant. */
export function etMinuteOfDay(utcMs: number): number {
  const local = etLocalMs(utcMs);
  return Math.floor((((local % DAY) + DAY) % DAY) / 60_000);
}

/** UTC ms of an ET wall-clock time on an ET date (e.g. 09:30 on 2023-08-03). */
export function etWallToUtc(ymd: string, hour: number, minute = 0): number {
  const [y, m, d] = ymd.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, hour, minute) + 5 * HOUR;
  // The offset at the guess is right except within an hour of a transition; re-check once.
  const first = Date.UTC(y, m - 1, d, hour, minute) - etOffsetMs(guess);
  return Date.UTC(y, m - 1, d, hour, minute) - etOffsetMs(first);
}

export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY).toISOString().slice(0, 10);
}

/** Day of week of an ISO date, 0 = Sunday. */
export function weekday(ymd: string): number {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
