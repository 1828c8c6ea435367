/**
 * The one ticker rule (src/core/symbols/ticker.ts) for DTOs and route parameters: a Transform that
 * normalises (BRK-B → BRK.B, I:SPX → SPX) and a validator that names the field when the input is not a
 * ticker.
 */
import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { normalizeTicker, TICKER_CORE, TICKER_RULE } from '../core/symbols/ticker';
import { ValidationFailedError } from './errors';

const normalized = (v: unknown) => (typeof v === 'string' ? (normalizeTicker(v) ?? v) : v);

/** Normalise a ticker (or each ticker of an array) before validation; leaves bad input for IsTicker to reject. */
export const NormalizeTicker = () => Transform(({ value }) => (Array.isArray(value) ? value.map(normalized) : normalized(value)));

/** Valid when the (normalised) value is a canonical ticker. */
export function IsTicker(opts: ValidationOptions = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTicker',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: opts.each ? `each ${TICKER_RULE.replace(/^must be a ticker/, 'entry must be a ticker')}` : TICKER_RULE, ...opts },
      validator: { validate: (v: unknown) => typeof v === 'string' && normalizeTicker(v) === v },
    });
}

/**
 * For a path segment: the canonical ticker, or a 400 naming the field. Surrounding whitespace is refused
 * here (a path carries none; `+` in a path is a plus sign, not a space), as the path pattern says.
 */
export function pathTickerOrFail(raw: unknown, field = 'symbol'): string {
  if (typeof raw !== 'string' || !new RegExp(`^${TICKER_CORE}$`).test(raw)) throw ValidationFailedError.field(field, TICKER_RULE);
  return tickerOrFail(raw, field);
}

/** For query parameters and body fields: the canonical ticker, or a 400 naming the field. */
export function tickerOrFail(raw: unknown, field = 'symbol'): string {
  const s = normalizeTicker(raw);
  if (s === null) throw ValidationFailedError.field(field, TICKER_RULE);
  return s;
}
