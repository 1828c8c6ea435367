/**
 * Year fraction to expiry: ACT/365 on milliseconds, expiry stamped at 16:00 America/New_York on the
 * expiration date (the close of the last trading session for standard equity options — ignoring the
 * 17:30 exercise cut-off and AM-settled index options; see docs/options-math.md).
 */
import { etWallToUtc } from '../session/et-time';

export const MS_PER_YEAR_365 = 365 * 86_400_000;

/** Expiry instants by date string: every contract of a chain asks for one of a few dates (bounded). */
const instants = new Map<string, number>();
const MAX_INSTANTS = 4096;

/** UTC ms of 16:00 ET on an expiration date (YYYY-MM-DD); NaN when the date is malformed. */
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
  return etWallToUtc(expirationYmd, 16, 0);
}

/**
 * Years (ACT/365) from `nowMs` to 16:00 ET on the expiration date. Zero or negative once expired
 * (callers treat T ≤ 0 as expired; BSM returns NaN for it); NaN for malformed input.
 */
export function yearsToExpiry(nowMs: number, expirationYmd: string): number {
  if (!Number.isFinite(nowMs)) return NaN;
  return (expiryInstantMs(expirationYmd) - nowMs) / MS_PER_YEAR_365;
}
