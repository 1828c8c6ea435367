/**
 * Watchlist rules (issue 16): a name of 1–64 characters (letters, digits, `_`, `-`, starting with a letter; case-insensitive,
 * stored lower-case) and up to 500 tickers, each under the one ticker rule (ticker.ts), canonicalised
 * and de-duplicated in the order given.
 */
import { lowerAscii } from '../text/ascii';
import { normalizeTicker, TICKER_RULE } from './ticker';

export const MAX_WATCHLIST_TICKERS = 500;
export const WATCHLIST_NAME_RULE = 'must be 1–64 characters: letters, digits, _ or - (starting with a letter)';
const NAME_RE = /^[a-z][a-z0-9_-]{0,63}$/;
/**
 * The name rule as the OpenAPI document states it (path parameter: no surrounding whitespace, any ASCII
 * case). A name starts with a letter, so a number in the path (`/watchlists/123`) is never a name.
 */
export const WATCHLIST_NAME_FRAGMENT = '[A-Za-z][A-Za-z0-9_-]{0,63}';
export const WATCHLIST_NAME_PATTERN = `^${WATCHLIST_NAME_FRAGMENT}$`;

export interface FieldProblemLike {
  field: string;
  message: string;
}

/** The canonical (lower-case) name, or null when it breaks the rule. */
export function normalizeWatchlistName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // ASCII case only: Unicode lower-casing maps e.g. the Kelvin sign to "k"
  const s = lowerAscii(raw);
  return NAME_RE.test(s) ? s : null;
}

/** Canonical, de-duplicated tickers, or the problems (each naming `tickers[i]`). */
export function normalizeWatchlistTickers(raw: unknown, field = 'tickers'): { ok: true; tickers: string[] } | { ok: false; problems: FieldProblemLike[] } {
  if (!Array.isArray(raw)) return { ok: false, problems: [{ field, message: 'must be a list of tickers' }] };
  if (raw.length > MAX_WATCHLIST_TICKERS) return { ok: false, problems: [{ field, message: `must hold at most ${MAX_WATCHLIST_TICKERS} tickers` }] };
  const problems: FieldProblemLike[] = [];
  const out: string[] = [];
  const seen = new Set<string>();
  raw.forEach((t, i) => {
    const s = normalizeTicker(t);
    if (s === null) problems.push({ field: `${field}[${i}]`, message: TICKER_RULE });
    else if (!seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  });
  return problems.length ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, tickers: out };
}
