/**
 * Calendar-day checks for dates on the wire. The published patterns bound month (01–12) and day
 * (01–31); whether the day exists in that month (30 February, 31 April) is checked here, because
 * `Date.parse` silently rolls such dates over into the next month.
 */

/** YYYY-MM-DD with month 01–12 and day 01–31, as a regex fragment (no anchors). */
export const DAY_FRAGMENT = '[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])';

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the string starts with a YYYY-MM-DD day that exists in the Gregorian calendar. */
export function isCalendarDay(text: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= (mo === 2 && isLeap(y) ? 29 : DAYS[mo - 1]);
}
