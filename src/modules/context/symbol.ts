import { tickerOrFail } from '../../common/ticker-field';

/** The canonical ticker of a route parameter or body field, or a 400 naming the field (one rule: core/symbols). */
export function normalizeSymbol(raw: unknown, field = 'symbol'): string {
  return tickerOrFail(raw, field);
}
