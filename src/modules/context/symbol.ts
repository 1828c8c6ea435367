import { pathTickerOrFail, tickerOrFail } from '../../common/ticker-field';

/** The canonical ticker of a route parameter or body field, or a 400 naming the field (one rule: core/symbols). */
export function normalizeSymbol(raw: unknown, field = 'symbol'): string {
  return tickerOrFail(raw, field);
}

/** The canonical ticker of a path segment (no surrounding whitespace), or a 400 naming the field. */
export function pathSymbol(raw: unknown, field = 'symbol'): string {
  return pathTickerOrFail(raw, field);
}
