/**
 * Which session a daily ATM-IV observation taken at `nowMs` belongs to (ET, NYSE calendar): during or
 * after a trading day's regular session, that day (`atClose` once its close has passed — the day's
 * final value); before the open or on a non-trading day, the previous trading day, whose close has
 * passed (`atClose: true`).
 */
import { etDate } from '../session/et-time';
import { isTradingDay, previousTradingDay } from '../session/nyse-calendar';
import { regularSession } from '../session/session';

export function ivSessionDay(nowMs: number): { day: string; atClose: boolean } {
  const today = etDate(nowMs);
  const s = isTradingDay(today) ? regularSession(today) : null;
  if (s && nowMs >= s.open) return { day: today, atClose: nowMs >= s.close };
  return { day: previousTradingDay(today), atClose: true };
}
