import { anyCaseAscii, ASCII_SPACE, lowerAscii, trimAscii } from '../text/ascii';
/**
 * Interval tokens accepted everywhere. Canonical spellings are below; aliases are normalised
 * case-insensitively (`1d`, `D`, `day` → `1D`; `60m`, `1H` → `1h`; `w` → `1W`; `240m` → `4h`).
 */
export const INTERVALS = ['1m', '3m', '5m', '15m', '30m', '1h', '4h', '1D', '1W'] as const;
export type Interval = (typeof INTERVALS)[number];

const MINUTE = 60_000;
/** Nominal length of one bar in milliseconds (a daily bar counts 24 h, a weekly one 7 days). */
export const INTERVAL_MS: Record<Interval, number> = {
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '4h': 240 * MINUTE,
  '1D': 1440 * MINUTE,
  '1W': 7 * 1440 * MINUTE,
};

const ALIASES: Record<string, Interval> = {
  '1m': '1m',
  '1min': '1m',
  '1': '1m',
  '3m': '3m',
  '3min': '3m',
  '3': '3m',
  '5m': '5m',
  '5min': '5m',
  '5': '5m',
  '15m': '15m',
  '15min': '15m',
  '15': '15m',
  '30m': '30m',
  '30min': '30m',
  '30': '30m',
  '1h': '1h',
  '60m': '1h',
  '60min': '1h',
  '60': '1h',
  h: '1h',
  '1hr': '1h',
  '1hour': '1h',
  '4h': '4h',
  '240m': '4h',
  '240min': '4h',
  '240': '4h',
  '4hr': '4h',
  '1d': '1D',
  d: '1D',
  day: '1D',
  daily: '1D',
  '1day': '1D',
  '1w': '1W',
  w: '1W',
  week: '1W',
  weekly: '1W',
  '1week': '1W',
};

export class InvalidIntervalError extends Error {
  readonly allowed = INTERVALS;
  constructor(readonly token: string) {
    super(`unknown interval "${token}"; allowed: ${INTERVALS.join(', ')}`);
    this.name = 'InvalidIntervalError';
  }
}

/** Normalise an interval token, or return undefined when it is not one. Case-insensitive in ASCII only. */
export function parseInterval(token: string): Interval | undefined {
  if (typeof token !== 'string') return undefined;
  const key = lowerAscii(trimAscii(token));
  return Object.prototype.hasOwnProperty.call(ALIASES, key) ? ALIASES[key] : undefined;
}

/**
 * Every token parseInterval accepts, as one ECMA/JSON-Schema regex (published in the OpenAPI document):
 * an alias in any ASCII case, optionally surrounded by ASCII whitespace.
 */
export const INTERVAL_PATTERN = (() => {
  const alternatives = Object.keys(ALIASES)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map(anyCaseAscii);
  return `^${ASCII_SPACE}*(?:${alternatives.join('|')})${ASCII_SPACE}*$`;
})();
export const INTERVAL_RE = new RegExp(INTERVAL_PATTERN);

/** Normalise an interval token, throwing InvalidIntervalError (listing the allowed tokens) otherwise. */
export function normalizeInterval(token: string): Interval {
  const iv = parseInterval(token);
  if (!iv) throw new InvalidIntervalError(String(token));
  return iv;
}

export function isIntraday(iv: Interval): boolean {
  return INTERVAL_MS[iv] < INTERVAL_MS['1D'];
}
