import { ValidationFailedError } from '../../common/errors';

/** Earliest moment a historical plan may ask for (vendors' intraday history does not reach further). */
const EARLIEST_MS = Date.parse('1998-01-01T00:00:00Z');

/** The `as_of` of a request as UTC ms: not in the future of the service clock, not before 1998; 400 naming the field otherwise. */
export function asOfMsOf(raw: string | undefined, nowMs: number, field = 'as_of'): number | undefined {
  if (raw === undefined) return undefined;
  const t = Date.parse(raw);
  if (!Number.isFinite(t)) throw ValidationFailedError.field(field, 'must be a valid ISO-8601 time');
  if (t > nowMs) throw ValidationFailedError.field(field, `must not be in the future (service clock ${new Date(nowMs).toISOString()})`);
  if (t < EARLIEST_MS) throw ValidationFailedError.field(field, 'must not be before 1998-01-01');
  return t;
}
