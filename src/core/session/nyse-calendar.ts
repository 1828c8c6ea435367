/**
 * NYSE trading calendar: full-day holidays and 13:00 early closes, by rule (with observed dates)
 * plus one-off closures. Covers 1998–2035. Sources: NYSE rule 7.2 holiday list and historical notices.
 */
import { addDays, weekday } from './et-time';

const ONE_OFF_CLOSED = new Set([
  '2001-09-11',
  '2001-09-12',
  '2001-09-13',
  '2001-09-14', // September 11
  '2004-06-11', // President Reagan's funeral
  '2007-01-02', // President Ford's funeral
  '2012-10-29',
  '2012-10-30', // Hurricane Sandy
  '2018-12-05', // President G. H. W. Bush's funeral
  '2025-01-09', // President Carter's funeral
]);

const ONE_OFF_EARLY = new Set<string>([]);

const pad = (n: number) => String(n).padStart(2, '0');
const ymdOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function nthWeekday(y: number, m: number, dow: number, n: number): string {
  const first = weekday(ymdOf(y, m, 1));
  return ymdOf(y, m, 1 + ((dow - first + 7) % 7) + (n - 1) * 7);
}

function lastWeekday(y: number, m: number, dow: number): string {
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const last = weekday(ymdOf(y, m, lastDay));
  return ymdOf(y, m, lastDay - ((last - dow + 7) % 7));
}

/** Western Easter Sunday (anonymous Gregorian algorithm). */
function easter(y: number): string {
  const a = y % 19,
    b = Math.floor(y / 100),
    c = y % 100,
    d = Math.floor(b / 4),
    e = b % 4;
  const f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3),
    h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4),
    k = c % 4,
    l = (32 + 2 * e + 2 * i - h - k) % 7,
    m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31),
    day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymdOf(y, month, day);
}

/** Saturday holidays move to Friday, Sunday ones to Monday (New Year's Saturday is not observed). */
function observed(ymd: string, isNewYear = false): string | null {
  const dow = weekday(ymd);
  if (dow === 6) return isNewYear ? null : addDays(ymd, -1);
  if (dow === 0) return addDays(ymd, 1);
  return ymd;
}

const holidayCache = new Map<number, Set<string>>();
const earlyCache = new Map<number, Set<string>>();

export function holidays(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (set) return set;
  set = new Set<string>();
  const add = (d: string | null) => d && set.add(d);
  add(observed(ymdOf(year, 1, 1), true));
  add(nthWeekday(year, 1, 1, 3)); // Martin Luther King Jr. Day (NYSE since 1998)
  add(nthWeekday(year, 2, 1, 3)); // Washington's Birthday
  add(addDays(easter(year), -2)); // Good Friday
  add(lastWeekday(year, 5, 1)); // Memorial Day
  if (year >= 2022) add(observed(ymdOf(year, 6, 19))); // Juneteenth
  add(observed(ymdOf(year, 7, 4))); // Independence Day
  add(nthWeekday(year, 9, 1, 1)); // Labor Day
  add(nthWeekday(year, 11, 4, 4)); // Thanksgiving
  add(observed(ymdOf(year, 12, 25))); // Christmas
  // New Year's Day of next year falling on Saturday is not observed on Dec 31 (NYSE rule).
  for (const d of ONE_OFF_CLOSED) if (d.startsWith(`${year}-`)) set.add(d);
  holidayCache.set(year, set);
  return set;
}

export function earlyCloses(year: number): Set<string> {
  let set = earlyCache.get(year);
  if (set) return set;
  set = new Set<string>();
  const hol = holidays(year);
  const addIfTrading = (d: string) => {
    const dow = weekday(d);
    if (dow !== 0 && dow !== 6 && !hol.has(d)) set.add(d);
  };
  // Day before Independence Day (when July 4 falls Tuesday–Friday).
  const july4dow = weekday(ymdOf(year, 7, 4));
  if (july4dow >= 2 && july4dow <= 5) addIfTrading(ymdOf(year, 7, 3));
  // Day after Thanksgiving.
  addIfTrading(addDays(nthWeekday(year, 11, 4, 4), 1));
  // Christmas Eve on a weekday.
  addIfTrading(ymdOf(year, 12, 24));
  for (const d of ONE_OFF_EARLY) if (d.startsWith(`${year}-`)) set.add(d);
  earlyCache.set(year, set);
  return set;
}

export function isTradingDay(ymd: string): boolean {
  const dow = weekday(ymd);
  if (dow === 0 || dow === 6) return false;
  return !holidays(Number(ymd.slice(0, 4))).has(ymd);
}

export function isEarlyClose(ymd: string): boolean {
  return isTradingDay(ymd) && earlyCloses(Number(ymd.slice(0, 4))).has(ymd);
}

export function previousTradingDay(ymd: string): string {
  let d = addDays(ymd, -1);
  for (let i = 0; i < 15 && !isTradingDay(d); i++) d = addDays(d, -1);
  return d;
}

export function nextTradingDay(ymd: string): string {
  let d = addDays(ymd, 1);
  for (let i = 0; i < 15 && !isTradingDay(d); i++) d = addDays(d, 1);
  return d;
}
