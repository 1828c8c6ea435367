/**
 * What POST /gpt/chart-url accepts, as the OpenAPI schema of its body. The body is read by
 * canonicalChartParams (not the global pipe: unknown keys are dropped, not refused, because GPT callers
 * send whole plan objects), so its rules are stated here, from the same regexes the parser uses:
 * - an optional field may be left out, `null` or `""` (all three mean "not given");
 * - prices are numbers (0.0001–9,999,999.9999) or decimal strings (≥ 0.0001, at most 7 integer digits);
 * - booleans are `true`/`false`, `0`/`1` or those as strings.
 * Rules between fields (a long plan's stop below its entry below TP1, rising targets, `plan_version`
 * equal to `version`) are not in the schema: breaking one is a 422 naming the field.
 */
import { TICKER_PATTERN } from '../../core/symbols/ticker';
import { INTERVAL_PATTERN } from '../../core/bars/interval';

// free-form: a JSON Schema object (OpenAPI 3.0 keywords)
type Schema = Record<string, unknown>;

/**
 * A decimal of at least 0.0001 and below 10,000,000: at most 7 integer digits (leading zeros allowed),
 * or a fraction with a non-zero digit among its first four decimals.
 */
export const PRICE_STRING = '0*(?:[1-9][0-9]{0,6}(?:\\.[0-9]*)?|\\.[0-9]{0,3}[1-9][0-9]*)';
/** A decimal of at least 0.0001, of any size. */
export const POSITIVE_STRING = '0*(?:[1-9][0-9]*(?:\\.[0-9]*)?|\\.[0-9]{0,3}[1-9][0-9]*)';
/** Bounds of prices and multipliers given as numbers (inclusive; strings are bounded by their pattern). */
export const MIN_CHART_NUMBER = 0.0001;
export const MAX_CHART_NUMBER = 9_999_999.9999;
/** A positive whole number, optionally written with a zero fraction ("2", "2.0"). */
export const WHOLE_STRING = '0*[1-9][0-9]*(?:\\.0*)?';
/** An EMA span 1–400 (leading zeros allowed). */
export const SPAN_STRING = '0*(?:[1-9][0-9]?|[1-3][0-9]{2}|400)';
/** Longest numeric string read (longer ones are refused, so tiny fractions never round to 0). */
export const MAX_NUMERIC_STRING = 24;
export const MAX_PLAN_VERSION = 1_000_000;
export const MAX_TARGETS = 5;
export const MAX_EMAS = 5;
/** Separators of the comma-separated forms of tp and ema: commas, with spaces or tabs around them. */
const SEP_START = '^[ \\t,]*';
const SEP_END = '[ \\t,]*$';
const list = (item: string, max: number) => `${SEP_START}${item}(?:[ \\t]*,[ \\t,]*${item}){0,${max - 1}}${SEP_END}`;
export const TP_LIST_PATTERN = list(PRICE_STRING, MAX_TARGETS);
export const EMA_LIST_PATTERN = list(SPAN_STRING, MAX_EMAS);
export const RANGE_PATTERN = '^(?:[1-9][0-9]{0,2}|0[1-9][0-9]?|00[1-9])[dDwWmMyY]$';

const str = (pattern: string, extra: Schema = {}): Schema => ({ type: 'string', pattern: `^${pattern}$`, maxLength: MAX_NUMERIC_STRING, ...extra });
// inclusive bounds only: generators read a boolean exclusiveMinimum inside anyOf unreliably
const price: Schema = { anyOf: [{ type: 'number', minimum: MIN_CHART_NUMBER, maximum: MAX_CHART_NUMBER }, str(PRICE_STRING)] };
const bool: Schema = { anyOf: [{ type: 'boolean' }, { type: 'integer', enum: [0, 1] }, { type: 'string', enum: ['0', '1', 'true', 'false'] }] };
const version: Schema = { anyOf: [{ type: 'integer', minimum: 1, maximum: MAX_PLAN_VERSION }, str(WHOLE_STRING)] };
const STYLES = ['scalp', 'intraday', 'swing', 'leaps'];

/** Optional: also `null` or `""` (not given) — the last branch, a nullable empty string, says so in OpenAPI 3.0 terms. */
function optional(s: Schema, description?: string): Schema {
  const { anyOf, ...rest } = s as { anyOf?: Schema[] };
  const branches = anyOf ?? [rest];
  return { ...(description ? { description } : {}), anyOf: [...branches, { type: 'string', nullable: true, maxLength: 0 }] };
}

export const CHART_URL_REQUEST_SCHEMA: Schema = {
  type: 'object',
  description:
    'A /tv chart link request. Unknown keys are dropped (a whole plan object may be sent). Optional fields may be null or "" (not given). Rules between fields — long: stop < entry < tp1 < tp2 …, short mirrored (checked when direction, entry, stop and tp are all given); plan_version equal to version — give 422 when broken.',
  required: ['symbol', 'interval'],
  additionalProperties: true,
  properties: {
    symbol: { type: 'string', pattern: TICKER_PATTERN, example: 'SPY', description: 'Ticker (the one ticker rule).' },
    interval: {
      description: 'One of 1m 3m 5m 15m 30m 1h 4h 1D 1W, an alias (1d, 60m, D …), or minutes as a number (1, 3, 5, 15, 30, 60, 240).',
      example: '5m',
      anyOf: [
        { type: 'string', pattern: INTERVAL_PATTERN },
        { type: 'integer', enum: [1, 3, 5, 15, 30, 60, 240] },
      ],
    },
    direction: optional({ type: 'string', enum: ['long', 'short'] }),
    entry: optional(price, 'Entry price (number or decimal string), rounded to the symbol precision.'),
    stop: optional(price, 'Stop price.'),
    tp: optional(
      {
        anyOf: [{ type: 'array', maxItems: MAX_TARGETS, items: price }, { type: 'string', pattern: TP_LIST_PATTERN, maxLength: 200 }, price.anyOf ? (price.anyOf as Schema[])[0] : price],
      },
      'Targets: a list of prices, a comma-separated string (≤5), or one price.',
    ),
    plan_id: optional({ type: 'string', pattern: '^[A-Za-z0-9.^:_-]{3,100}$' }, 'e.g. SPY-intraday-20261124-abcdef'),
    plan_version: optional(version, 'Plan version; `version` is accepted as an alias.'),
    version: optional(version, 'Alias of plan_version.'),
    ema: optional(
      {
        anyOf: [
          { type: 'array', maxItems: MAX_EMAS, items: { anyOf: [{ type: 'integer', minimum: 1, maximum: 400 }, str(SPAN_STRING)] } },
          { type: 'string', pattern: EMA_LIST_PATTERN, maxLength: 200 },
          { type: 'integer', minimum: 1, maximum: 400 },
        ],
      },
      'EMA spans shown (≤5, 1–400): a list or a comma-separated string.',
    ),
    view: optional({ type: 'string', enum: ['1d', '5d', '1M', '3M', '6M', '1Y'] }),
    range: optional({ type: 'string', pattern: RANGE_PATTERN }, 'Bars loaded: ND, NW, NM (30 days), NY (1–999).'),
    theme: optional({ type: 'string', enum: ['dark', 'light'] }),
    scale_plan: optional(
      { anyOf: [{ type: 'string', enum: ['auto', 'off'] }, { type: 'number', minimum: MIN_CHART_NUMBER }, str(POSITIVE_STRING)] },
      "'auto' rescales an old plan to today's price, 'off', or a positive multiplier.",
    ),
    focus: optional({ type: 'string', enum: ['plan'] }),
    center_time: optional({ anyOf: [{ type: 'string', enum: ['latest'] }, { type: 'integer', minimum: 1 }, str(WHOLE_STRING)] }, "'latest' or epoch seconds (ms accepted)."),
    style_hint: optional({ type: 'string', enum: STYLES }, 'Chart style; swing/leaps coerce intraday intervals unless force_interval.'),
    style: optional({ type: 'string', enum: STYLES }, 'Alias of style_hint (used when style_hint is not given).'),
    force_interval: optional(bool, 'Keep the given interval even for swing/leaps.'),
    supportingLevels: optional(bool, 'false hides supporting levels.'),
    vwap: optional(bool, 'false hides the session VWAP.'),
  },
};
