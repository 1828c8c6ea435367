/**
 * Universe tokens of POST /gpt/scan (issue 16), parsed without I/O:
 * - a ticker under the one ticker rule (ticker.ts): itself;
 * - `watchlist:<name>`: the caller's saved watchlist;
 * - `TOP<k>` (k 1–250): the k most liquid names by traded dollar volume; `FT-TOPLIQUIDITY` = TOP50;
 * - `sp500` (alias `sp-500`), `nasdaq100` (alias `nasdaq-100`): index constituents from a vendor
 *   where one supplies them, else the static default list below (labelled `static_default`).
 * Tokens are case-insensitive and take precedence over tickers of the same spelling (`TOP5`, `SP500`).
 * Anything else is refused with the allowed forms.
 */
import { anyCaseAscii, ASCII_SPACE, lowerAscii, trimAscii } from '../text/ascii';
import { normalizeTicker, TICKER_CORE } from './ticker';
import { normalizeWatchlistName, WATCHLIST_NAME_FRAGMENT } from './watchlist-rules';

export const MAX_TOP_K = 250;
export const FT_TOPLIQUIDITY_K = 50;

export type UniverseToken = { kind: 'ticker'; symbol: string } | { kind: 'watchlist'; name: string } | { kind: 'top'; k: number } | { kind: 'index'; index: 'sp500' | 'nasdaq100' };

export const ALLOWED_UNIVERSE_FORMS = 'a ticker (SPY, BRK.B), watchlist:<name> (a saved watchlist), TOP<k> with k 1–250 (most liquid by dollar volume), FT-TOPLIQUIDITY (= TOP50), sp500, nasdaq100';

/**
 * Static default constituents (large members by index weight, checked by hand in 2025; not the live
 * membership — used only when no configured vendor supplies constituents, and labelled so).
 */
export const STATIC_INDEX_DEFAULTS: Record<'sp500' | 'nasdaq100', readonly string[]> = {
  sp500: [
    'AAPL',
    'MSFT',
    'NVDA',
    'AMZN',
    'META',
    'GOOGL',
    'GOOG',
    'BRK.B',
    'AVGO',
    'TSLA',
    'JPM',
    'LLY',
    'V',
    'UNH',
    'XOM',
    'MA',
    'COST',
    'HD',
    'PG',
    'JNJ',
    'WMT',
    'NFLX',
    'ABBV',
    'BAC',
    'CRM',
    'ORCL',
    'CVX',
    'MRK',
    'KO',
    'AMD',
    'PEP',
    'ADBE',
    'TMO',
    'LIN',
    'ACN',
    'MCD',
    'CSCO',
    'WFC',
    'ABT',
    'IBM',
    'PM',
    'GE',
    'DHR',
    'INTU',
    'TXN',
    'QCOM',
    'CAT',
    'VZ',
    'AMGN',
    'NOW',
  ],
  nasdaq100: [
    'AAPL',
    'MSFT',
    'NVDA',
    'AMZN',
    'META',
    'AVGO',
    'GOOGL',
    'GOOG',
    'TSLA',
    'COST',
    'NFLX',
    'AMD',
    'PEP',
    'ADBE',
    'CSCO',
    'TMUS',
    'QCOM',
    'INTU',
    'TXN',
    'AMGN',
    'ISRG',
    'CMCSA',
    'HON',
    'AMAT',
    'BKNG',
    'VRTX',
    'ADP',
    'PANW',
    'GILD',
    'SBUX',
  ],
};

/** Names TOP<k> ranks by dollar volume (index ETFs plus both static lists) when no vendor supplies a market-wide list. */
export const LIQUIDITY_POOL: readonly string[] = [...new Set(['SPY', 'QQQ', 'IWM', 'DIA', ...STATIC_INDEX_DEFAULTS.sp500, ...STATIC_INDEX_DEFAULTS.nasdaq100])];

const INDEX_ALIASES: Record<string, 'sp500' | 'nasdaq100'> = { sp500: 'sp500', 'sp-500': 'sp500', nasdaq100: 'nasdaq100', 'nasdaq-100': 'nasdaq100' };

/**
 * One universe entry without surrounding whitespace, as a regex fragment (published in the OpenAPI
 * document): a ticker, watchlist:<name>, TOP<digits>, FT-TOPLIQUIDITY, sp500/sp-500, nasdaq100/nasdaq-100,
 * in any ASCII case. `TOP<k>` with k outside 1–250 fits the pattern (it is also a ticker's shape) and is
 * refused by the service with 422.
 */
export const UNIVERSE_ENTRY = `(?:${anyCaseAscii('watchlist')}:${WATCHLIST_NAME_FRAGMENT}|${anyCaseAscii('ft-topliquidity')}|${anyCaseAscii('sp')}-?500|${anyCaseAscii('nasdaq')}-?100|${anyCaseAscii('top')}[0-9]+|${TICKER_CORE})`;
const WS = ASCII_SPACE;
/** One entry of the list form (surrounding ASCII whitespace ignored). */
export const UNIVERSE_ENTRY_PATTERN = `^${WS}*${UNIVERSE_ENTRY}${WS}*$`;
/** The string form: 1–`max` entries separated by commas and/or ASCII whitespace. */
export const universeListPattern = (max: number) => `^[ \\t\\n\\r\\f\\v,]*${UNIVERSE_ENTRY}(?:[ \\t\\n\\r\\f\\v,]+${UNIVERSE_ENTRY}){0,${max - 1}}[ \\t\\n\\r\\f\\v,]*$`;

export function parseUniverseToken(raw: unknown): UniverseToken | null {
  if (typeof raw !== 'string') return null;
  // ASCII only, as the published pattern: Unicode trimming or lower-casing would accept more than it says
  const t = trimAscii(raw);
  const lower = lowerAscii(t);
  if (lower.startsWith('watchlist:')) {
    const name = normalizeWatchlistName(t.slice('watchlist:'.length));
    return name ? { kind: 'watchlist', name } : null;
  }
  if (lower === 'ft-topliquidity') return { kind: 'top', k: FT_TOPLIQUIDITY_K };
  const top = /^top(\d+)$/.exec(lower);
  if (top) {
    const k = Number(top[1]);
    return k >= 1 && k <= MAX_TOP_K ? { kind: 'top', k } : null;
  }
  // SPX and NDX are the index symbols themselves (tickers), so only the spelled-out forms name the constituents
  if (INDEX_ALIASES[lower]) return { kind: 'index', index: INDEX_ALIASES[lower] };
  const symbol = normalizeTicker(t);
  return symbol ? { kind: 'ticker', symbol } : null;
}

/** Average traded dollar volume (close × volume) over the last `n` daily bars; NaN without bars. */
export function dollarVolume(bars: ReadonlyArray<{ close: number; volume: number }>, n = 20): number {
  const tail = bars.slice(-n).filter((b) => Number.isFinite(b.close) && Number.isFinite(b.volume));
  if (!tail.length) return NaN;
  return tail.reduce((s, b) => s + b.close * b.volume, 0) / tail.length;
}
