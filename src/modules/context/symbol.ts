import { ValidationFailedError } from '../../common/errors';

/**
 * Ticker format accepted by the GPT endpoints, after trimming and upper-casing: a letter, then up to
 * 9 letters, digits, dots or dashes (SPY, BRK.B, BF-B). Index symbols are written plain (SPX, NDX):
 * vendor prefixes such as `^` or `I:` are the provider adapters' business, not the caller's.
 */
export const SYMBOL_RE = /^[A-Z][A-Z0-9.\-]{0,9}$/;

export function normalizeSymbol(raw: unknown, field = 'symbol'): string {
  const s = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  if (!SYMBOL_RE.test(s)) {
    throw ValidationFailedError.field(field, 'must be a ticker: a letter then up to 9 letters, digits, "." or "-" (e.g. SPY, BRK.B)');
  }
  return s;
}
