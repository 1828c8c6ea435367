/**
 * One ticker concept for every route. Accepted, after trimming:
 * - plain tickers, case-insensitive: `spy` → `SPY`;
 * - share classes with `.`, `-` or `/`: `BRK-B`, `brk/b` → `BRK.B` (canonical dot form);
 * - index symbols, plain or with a vendor prefix: `SPX`, `I:SPX`, `^SPX`, `$SPX.X`, `$SPX` → `SPX`
 *   (vendor spellings are the adapters' business).
 * Letters are upper-cased in ASCII only, and non-ASCII input is rejected before any case mapping, so
 * Unicode case folding can never turn `ß` into the ticker `SS` or `ﬀ` into `FF`.
 */
import { ASCII_SPACE, trimAscii, upperAscii } from '../text/ascii';
const ROOT = /^[A-Z][A-Z0-9]{0,9}$/;
const CLASS = /^[A-Z0-9]{1,4}$/;
const ASCII_TICKER_CHARS = /^[A-Za-z0-9.\-/:^$]+$/;

/**
 * The raw input parseTicker accepts, as one ECMA/JSON-Schema regex (published in the OpenAPI document):
 * optional ASCII whitespace, an optional index prefix (I:, ^ or $), a root of a letter and up to 9
 * letters/digits, an optional share class (., - or / and 1–4 letters/digits), and after `$` an optional `.X`.
 */
const WS = ASCII_SPACE;
/** One ticker without surrounding whitespace, as a regex fragment. */
export const TICKER_CORE = '(?:(?:[Ii]:|\\^)?[A-Za-z][A-Za-z0-9]{0,9}(?:[./-][A-Za-z0-9]{1,4})?|\\$[A-Za-z][A-Za-z0-9]{0,9}(?:[./-][A-Za-z0-9]{1,4})?(?:\\.[Xx])?)';
export const TICKER_PATTERN = `^${WS}*${TICKER_CORE}${WS}*$`;
/** A string of 1–`max` tickers separated by commas and/or ASCII whitespace. */
export const tickerListPattern = (max: number) => `^[ \\t\\n\\r\\f\\v,]*${TICKER_CORE}(?:[ \\t\\n\\r\\f\\v,]+${TICKER_CORE}){0,${max - 1}}[ \\t\\n\\r\\f\\v,]*$`;
/** Separators of a ticker list string (the same set as tickerListPattern). */
export const TICKER_LIST_SEPARATORS = /[ \t\n\r\f\v,]+/;

export type TickerParse = { ok: true; symbol: string } | { ok: false; message: string };

export const TICKER_RULE = 'must be a ticker: a letter then up to 9 letters or digits, optionally a share class (BRK.B, BRK-B) or an index prefix (I:SPX, ^SPX)';

export function parseTicker(raw: unknown): TickerParse {
  if (typeof raw !== 'string') return { ok: false, message: TICKER_RULE };
  const t = trimAscii(raw);
  // no length check: the structure below bounds it (≤ 19 characters with prefix and suffix)
  if (t.length === 0 || !ASCII_TICKER_CHARS.test(t)) return { ok: false, message: TICKER_RULE };
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
