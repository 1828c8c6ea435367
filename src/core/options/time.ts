/**
 * Year fraction to expiry: ACT/365 on milliseconds, expiry stamped at the exchange calendar's close of
 * the expiration date — 16:00 America/New_York, 13:00 on NYSE early-close days (day after
 * Thanksgiving, Christmas Eve, the day before Independence Day) — the close of the last trading
 * session for standard equity options (ignoring the 17:30 exercise cut-off and AM-settled index
 * options; see docs/options-math.md and docs/levels-and-volatility.md). An expiration date that is not
 * a trading day keeps 16:00.
 */
import { etWallToUtc } from '../session/et-time';
import { regularSession } from '../session/session';

export const MS_PER_YEAR_365 = 365 * 86_400_000;

/** Expiry instants by date string: every contract of a chain asks for one of a few dates (bounded). */
const instants = new Map<string, number>();
const MAX_INSTANTS = 4096;

/** UTC ms of the regular close (16:00 ET, 13:00 on early closes) of an expiration date (YYYY-MM-DD); NaN when malformed. */
export function expiryInstantMs(expirationYmd: string): number {
  if (typeof expirationYmd !== 'string') return NaN;
  const hit = instants.get(expirationYmd);
  if (hit !== undefined) return hit;
  const ms = computeExpiryInstant(expirationYmd);
  if (instants.size >= MAX_INSTANTS) instants.clear();
  instants.set(expirationYmd, ms);
  return ms;
}

function computeExpiryInstant(expirationYmd: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expirationYmd)) return NaN;
  const [y, m, d] = expirationYmd.split('-').map(Number);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return NaN;
  return regularSession(expirationYmd)?.close ?? etWallToUtc(expirationYmd, 16, 0);
}

/**
 * Years (ACT/365) from `nowMs` to the close of the expiration date (16:00 ET, 13:00 on early closes). Zero or negative once expired
 * (callers treat T ≤ 0 as expired; BSM returns NaN for it); NaN for malformed input.
 */
export function yearsToExpiry(nowMs: number, expirationYmd: string): number {
  if (!Number.isFinite(nowMs)) return NaN;
  return (expiryInstantMs(expirationYmd) - nowMs) / MS_PER_YEAR_365;
}
