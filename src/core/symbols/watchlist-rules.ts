/**
 * Watchlist rules (issue 16): a name of 1–64 characters (letters, digits, `_`, `-`; case-insensitive,
 * stored lower-case) and up to 500 tickers, each under the one ticker rule (ticker.ts), canonicalised
 * and de-duplicated in the order given.
 */
import { normalizeTicker, TICKER_RULE } from './ticker';

export const MAX_WATCHLIST_TICKERS = 500;
export const WATCHLIST_NAME_RULE = 'must be 1–64 characters: letters, digits, _ or - (starting with a letter or digit)';
const NAME_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface FieldProblemLike {
  field: string;
  message: string;
}

/** The canonical (lower-case) name, or null when it breaks the rule. */
export function normalizeWatchlistName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim().toLowerCase();
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
