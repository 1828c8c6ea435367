import { UnprocessableError, ValidationFailedError } from '../../common/errors';
import { isCalendarDay } from '../../core/session/calendar-day';

/** Earliest moment a historical plan may ask for (vendors' intraday history does not reach further). */
const EARLIEST_MS = Date.parse('1998-01-01T00:00:00Z');

/**
 * The `as_of` of a request as UTC ms. The DTO's pattern has checked the form (400); a day that does not
 * exist (30 February), a moment in the future of the service clock or before 1998 fits the pattern but
 * cannot be planned: 422 naming the field.
 */
export function asOfMsOf(raw: string | undefined, nowMs: number, field = 'as_of'): number | undefined {
  if (raw === undefined) return undefined;
  const t = Date.parse(raw);
  if (!Number.isFinite(t)) throw ValidationFailedError.field(field, 'must be a valid ISO-8601 time');
  if (!isCalendarDay(raw)) throw UnprocessableError.field(field, 'is not a calendar day');
  if (t > nowMs) throw UnprocessableError.field(field, `must not be in the future (service clock ${new Date(nowMs).toISOString()})`);
  if (t < EARLIEST_MS) throw UnprocessableError.field(field, 'must not be before 1998-01-01');
  return t;
}
