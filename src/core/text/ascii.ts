/**
 * ASCII-only text rules for request tokens (tickers, intervals, universe entries, watchlist names). The
 * published OpenAPI patterns name ASCII whitespace and ASCII letters; `String.prototype.trim`,
 * `toLowerCase` and `toUpperCase` also strip Unicode spaces (U+00A0, U+2028 …) and fold letters such as
 * the Kelvin sign into `k` or `ß` into `SS`, so they would accept more than the document says.
 */

/** One ASCII whitespace character, as a regex fragment (the set JSON Schema readers and JS agree on). */
export const ASCII_SPACE = '[ \\t\\n\\r\\f\\v]';

const EDGE_SPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;

/** Without leading/trailing ASCII whitespace. */
export const trimAscii = (s: string): string => s.replace(EDGE_SPACE, '');

/** A–Z to a–z, nothing else. */
export const lowerAscii = (s: string): string => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

/** a–z to A–Z, nothing else. */
export const upperAscii = (s: string): string => s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));

/** A lower-case word as a regex fragment matching it in any ASCII case ("top" → "[tT][oO][pP]"). */
export const anyCaseAscii = (word: string): string => word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
