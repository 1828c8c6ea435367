/**
 * One ticker concept for every route. Accepted, after trimming:
 * - plain tickers, case-insensitive: `spy` → `SPY`;
 * - share classes with `.`, `-` or `/`: `BRK-B`, `brk/b` → `BRK.B` (canonical dot form);
 * - index symbols, plain or with a vendor prefix: `SPX`, `I:SPX`, `^SPX`, `$SPX.X`, `$SPX` → `SPX`
 *   (vendor spellings are the adapters' business).
 * Letters are upper-cased in ASCII only, and non-ASCII input is rejected before any case mapping, so
 * Unicode case folding can never turn `ß` into the ticker `SS` or `ﬀ` into `FF`.
 */
const ROOT = /^[A-Z][A-Z0-9]{0,9}$/;
const CLASS = /^[A-Z0-9]{1,4}$/;
const ASCII_TICKER_CHARS = /^[A-Za-z0-9.\-/:^$]+$/;

export type TickerParse = { ok: true; symbol: string } | { ok: false; message: string };

export const TICKER_RULE = 'must be a ticker: a letter then up to 9 letters or digits, optionally a share class (BRK.B, BRK-B) or an index prefix (I:SPX, ^SPX)';

const upperAscii = (s: string) => s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));

export function parseTicker(raw: unknown): TickerParse {
  if (typeof raw !== 'string') return { ok: false, message: TICKER_RULE };
  const t = raw.trim();
  if (t.length === 0 || t.length > 16 || !ASCII_TICKER_CHARS.test(t)) return { ok: false, message: TICKER_RULE };
  let s = upperAscii(t);
  if (s.startsWith('I:')) s = s.slice(2);
  else if (s.startsWith('^')) s = s.slice(1);
  else if (s.startsWith('$')) s = s.slice(1).replace(/\.X$/, '');
  const parts = s.split(/[.\-/]/);
  if (parts.length > 2 || !ROOT.test(parts[0]) || (parts.length === 2 && !CLASS.test(parts[1]))) return { ok: false, message: TICKER_RULE };
  return { ok: true, symbol: parts.join('.') };
}

/** The canonical ticker, or null when the input is not one. */
export function normalizeTicker(raw: unknown): string | null {
  const r = parseTicker(raw);
  return r.ok ? r.symbol : null;
}
