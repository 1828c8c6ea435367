import { normalizeTicker, TICKER_RULE } from '../../core/symbols/ticker';
import type { FieldProblem } from '../../common/errors';
import { INTERVAL_MS, isIntraday, parseInterval, type Interval } from '../../core/bars/interval';

import { PLAN_ID_RE } from '../ideas/dto/idea.dto';
import {
  EMA_LIST_PATTERN,
  MAX_CHART_NUMBER,
  MIN_CHART_NUMBER,
  MAX_EMAS,
  MAX_NUMERIC_STRING,
  MAX_PLAN_VERSION,
  MAX_TARGETS,
  POSITIVE_STRING,
  PRICE_STRING,
  RANGE_PATTERN,
  SPAN_STRING,
  TP_LIST_PATTERN,
  WHOLE_STRING,
} from './chart-url.schema';

/**
 * Canonical `/tv` links. Two plans that mean the same chart must give byte-identical URLs (the GPT
 * compares and caches them), so every value is normalised (symbol upper-case, interval token, prices
 * rounded to the symbol's precision with trailing zeros stripped, EMA spans sorted) and keys are
 * emitted in alphabetical order. Unknown keys are dropped, known ones validated.
 */

export type ChartStyle = 'scalp' | 'intraday' | 'swing' | 'leaps';

/** Display/plan keys a canonical link may carry (no inline levels, no session state). */
export const CANONICAL_KEYS = [
  'center_time',
  'direction',
  'ema',
  'entry',
  'focus',
  'force_interval',
  'interval',
  'plan_id',
  'plan_version',
  'range',
  'scale_plan',
  'stop',
  'style',
  'supportingLevels',
  'symbol',
  'theme',
  'tp',
  'view',
  'vwap',
] as const;

/** Extra keys kept only when FF_CHART_CANONICAL_V1 is off (legacy links carried levels and labels). */
export const LEGACY_EXTRA_KEYS = [
  'data_age_ms',
  'data_mode',
  'data_source',
  'last_update',
  'levels',
  'market_status',
  'notes',
  'session_banner',
  'session_phase',
  'session_status',
  'strategy',
  'title',
] as const;

export const VIEWS = ['1d', '5d', '1M', '3M', '6M', '1Y'] as const;

/** Price decimals per root symbol (futures/index conventions); everything else 2. */
const PRECISION: Record<string, number> = { ES: 2, NQ: 2, YM: 0, RTY: 2, CL: 3, GC: 1, BTC: 2, ETH: 2, SPX: 2, NDX: 2, RUT: 2 };

export function symbolPrecision(symbol: string): number {
  const root = symbol
    .toUpperCase()
    .replace(/^[IX]:/, '')
    .replace(/^\^/, '')
    .replace(/\.X$/, '');
  return PRECISION[root] ?? 2;
}

/** Round to `decimals` and print without exponent or trailing zeros ("101.50" → "101.5"). */
export function formatPrice(value: number, decimals: number): string {
  const s = value.toFixed(decimals);
  const t = s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  return t === '-0' ? '0' : t;
}

/** Like Python's urlencode(safe=":,"): RFC 3986 escaping, keeping ':' and ',' readable. */
export function encodeQueryValue(v: string): string {
  return encodeURIComponent(v).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

export interface ChartUrlResult {
  /** Sorted [key, value] pairs. */
  params: Array<[string, string]>;
  /** Fields the schema refuses (400). */
  problems: FieldProblem[];
  /** Valid fields that contradict each other: price order, plan_version vs version (422). */
  conflicts: FieldProblem[];
}

const whole = (re: string) => new RegExp(`^${re}$`);
const PRICE_RE = whole(PRICE_STRING);
const POSITIVE_RE = whole(POSITIVE_STRING);
const WHOLE_RE = whole(WHOLE_STRING);
const SPAN_RE = whole(SPAN_STRING);
const TP_LIST_RE = new RegExp(TP_LIST_PATTERN);
const EMA_LIST_RE = new RegExp(EMA_LIST_PATTERN);
const RANGE_RE = new RegExp(RANGE_PATTERN);
const PRICE_BOUNDS = { min: MIN_CHART_NUMBER, max: MAX_CHART_NUMBER };
const PRICE_RULE = `must be a price: a number ${MIN_CHART_NUMBER}–${MAX_CHART_NUMBER}, or a decimal string of at least ${MIN_CHART_NUMBER} with at most 7 integer digits`;

/**
 * A number, or a decimal string matching `form` (one of the schema's string forms), as a number;
 * undefined otherwise. Strings are read exactly as the schema states them: no sign, exponent or spaces.
 */
function numberOf(v: unknown, form: RegExp, bounds?: { min: number; max: number }): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && (!bounds || (v >= bounds.min && v <= bounds.max)) ? v : undefined;
  if (typeof v === 'string' && v.length <= MAX_NUMERIC_STRING && form.test(v)) return Number(v);
  return undefined;
}

/** The items of a comma-separated list (spaces/tabs around commas, empty items ignored). */
const listItems = (s: string) =>
  s
    .split(',')
    .map((x) => x.replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((x) => x !== '');

function toBool(v: unknown): boolean | undefined {
  if (v === true || v === 1 || v === '1' || v === 'true') return true;
  if (v === false || v === 0 || v === '0' || v === 'false') return false;
  return undefined;
}

/** A body value that counts as given: not absent, null or "" (all three mean "not given"). */
const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The field the chart style was read from (named in a 400). */
function styleField(body: Record<string, unknown>): string {
  if (body.ui_state !== undefined && body.ui_state !== null && styleOf({ ui_state: body.ui_state }) !== undefined) return 'ui_state';
  return given(body.style_hint) || !given(body.style) ? 'style_hint' : 'style';
}

function styleOf(body: Record<string, unknown>): unknown {
  const ui = body.ui_state;
  if (ui && typeof ui === 'object' && 'style' in ui) return (ui as { style?: unknown }).style;
  if (typeof ui === 'string') {
    try {
      const parsed = JSON.parse(ui) as { style?: unknown };
      if (parsed && typeof parsed === 'object' && parsed.style !== undefined) return parsed.style;
    } catch {
      /* not JSON: ignored like any unknown display hint */
    }
  }
  return given(body.style_hint) ? body.style_hint : body.style;
}

/**
 * Validate and canonicalise a chart request body. `canonical` = FF_CHART_CANONICAL_V1.
 * Problems are returned (never thrown) so the controller can answer one 400 naming every field.
 */
export function canonicalChartParams(body: Record<string, unknown>, canonical: boolean): ChartUrlResult {
  const problems: FieldProblem[] = [];
  const out = new Map<string, string>();
  const bad = (field: string, message: string) => problems.push({ field, message });
  // fields each valid but contradicting each other (the schema cannot say so): 422, after any 400
  const conflicts: FieldProblem[] = [];
  const conflict = (field: string, message: string) => conflicts.push({ field, message });
  const has = (k: string) => given(body[k]);

  // symbol
  let symbol = '';
  if (!has('symbol')) bad('symbol', 'is required');
  else if (normalizeTicker(body.symbol) === null) bad('symbol', TICKER_RULE);
  else symbol = normalizeTicker(body.symbol)!;
  if (symbol) out.set('symbol', symbol);
  const decimals = symbolPrecision(symbol || 'X');

  // style (optional) and interval
  let style: ChartStyle | undefined;
  const rawStyle = styleOf(body);
  if (rawStyle !== undefined && rawStyle !== null && rawStyle !== '') {
    if (rawStyle === 'scalp' || rawStyle === 'intraday' || rawStyle === 'swing' || rawStyle === 'leaps') style = rawStyle;
    else bad(styleField(body), 'must be one of scalp, intraday, swing, leaps');
  }
  const forceInterval = has('force_interval') ? toBool(body.force_interval) : false;
  if (forceInterval === undefined) bad('force_interval', 'must be a boolean or 0/1');
  let interval: Interval | undefined;
  if (!has('interval')) bad('interval', 'is required');
  else {
    // a string token, or minutes as a whole number (5 → 5m)
    interval =
      typeof body.interval === 'string'
        ? parseInterval(body.interval)
        : typeof body.interval === 'number' && Number.isInteger(body.interval) && body.interval > 0
          ? parseInterval(String(body.interval))
          : undefined;
    if (!interval) bad('interval', `must be one of ${Object.keys(INTERVAL_MS).join(', ')}`);
  }
  if (interval && !forceInterval) {
    // swing/leaps charts on a too-fine interval are unreadable; the reference coerces them the same way
    if (style === 'swing' && INTERVAL_MS[interval] < INTERVAL_MS['1h']) interval = '1h';
    if (style === 'leaps' && isIntraday(interval)) interval = '1D';
  }
  if (interval) out.set('interval', interval);
  if (style) out.set('style', style);
  if (forceInterval) out.set('force_interval', '1');

  // direction and prices
  let direction: 'long' | 'short' | undefined;
  if (has('direction')) {
    if (body.direction === 'long' || body.direction === 'short') direction = body.direction;
    else bad('direction', "must be 'long' or 'short'");
  }
  if (direction) out.set('direction', direction);
  const price = (k: 'entry' | 'stop'): number | undefined => {
    if (!has(k)) return undefined;
    const n = numberOf(body[k], PRICE_RE, PRICE_BOUNDS);
    if (n === undefined) {
      bad(k, PRICE_RULE);
      return undefined;
    }
    return Number(formatPrice(n, decimals));
  };
  const entry = price('entry');
  const stop = price('stop');
  if (entry !== undefined) out.set('entry', formatPrice(entry, decimals));
  if (stop !== undefined) out.set('stop', formatPrice(stop, decimals));
  let targets: number[] = [];
  if (has('tp')) {
    const listOk = typeof body.tp !== 'string' || (body.tp.length <= 200 && TP_LIST_RE.test(body.tp));
    const parts = Array.isArray(body.tp) ? body.tp : typeof body.tp === 'string' ? listItems(body.tp) : typeof body.tp === 'number' ? [body.tp] : [null];
    const nums = parts.map((x) => numberOf(x, PRICE_RE, PRICE_BOUNDS));
    if (parts.length > MAX_TARGETS) bad('tp', `at most ${MAX_TARGETS} targets`);
    else if (!listOk || nums.some((n) => n === undefined)) bad('tp', `must be prices (a list or a comma-separated string): ${PRICE_RULE}`);
    else targets = (nums as number[]).map((n) => Number(formatPrice(n, decimals)));
    if (targets.length) out.set('tp', targets.map((n) => formatPrice(n, decimals)).join(','));
  }
  if (direction && entry !== undefined && stop !== undefined && targets.length) {
    const s = direction === 'long' ? 1 : -1;
    if (!(s * (entry - stop) > 0 && s * (targets[0] - entry) > 0)) {
      conflict('entry', direction === 'long' ? 'order invalid for long (stop < entry < TP1)' : 'order invalid for short (stop > entry > TP1)');
    }
    for (let i = 1; i < targets.length; i++) {
      if (!(s * (targets[i] - targets[i - 1]) > 0)) conflict('tp', `tp${i + 1} not ${direction === 'long' ? 'above' : 'below'} previous`);
    }
  }

  // plan identity (plan_version; `version` accepted as an alias)
  if (has('plan_id')) {
    if (typeof body.plan_id !== 'string' || !PLAN_ID_RE.test(body.plan_id)) bad('plan_id', 'must be a plan_id such as SPY-intraday-20261124-abcdef');
    else out.set('plan_id', body.plan_id);
  }
  const versions = ['plan_version', 'version'].filter(has).map((k) => ({ k, n: numberOf(body[k], WHOLE_RE) }));
  for (const { k, n } of versions) if (n === undefined || !Number.isInteger(n) || n < 1 || n > MAX_PLAN_VERSION) bad(k, `must be a whole number 1–${MAX_PLAN_VERSION}`);
  const vset = new Set(versions.map((v) => v.n));
  if (vset.size > 1 && !problems.some((p) => p.field === 'plan_version' || p.field === 'version')) conflict('plan_version', 'plan_version and version disagree');
  else if (versions.length && !problems.some((p) => p.field === 'plan_version' || p.field === 'version')) out.set('plan_version', String(versions[0].n));

  // display options
  if (has('ema')) {
    const listOk = typeof body.ema !== 'string' || (body.ema.length <= 200 && EMA_LIST_RE.test(body.ema));
    const parts = Array.isArray(body.ema) ? body.ema : typeof body.ema === 'string' ? listItems(body.ema) : typeof body.ema === 'number' ? [body.ema] : [null];
    const spans = parts.map((x) => numberOf(x, SPAN_RE));
    if (!listOk || spans.some((n) => n === undefined || !Number.isInteger(n) || n < 1 || n > 400) || spans.length > MAX_EMAS) bad('ema', `must be up to ${MAX_EMAS} integer spans 1–400`);
    else out.set('ema', [...new Set(spans as number[])].sort((a, b) => a - b).join(','));
  }
  if (has('view')) {
    if (!(VIEWS as readonly unknown[]).includes(body.view)) bad('view', `must be one of ${VIEWS.join(', ')}`);
    else out.set('view', String(body.view));
  }
  if (has('range')) {
    const ok = typeof body.range === 'string' && RANGE_RE.test(body.range);
    if (!ok) bad('range', 'must look like 1D, 5D, 2W, 3M or 1Y');
    else {
      const r = body.range as string;
      out.set('range', `${Number(r.slice(0, -1))}${r.slice(-1).toUpperCase()}`);
    }
  }
  if (has('theme')) {
    if (body.theme !== 'dark' && body.theme !== 'light') bad('theme', "must be 'dark' or 'light'");
    else out.set('theme', body.theme);
  }
  if (has('focus')) {
    if (body.focus !== 'plan') bad('focus', "must be 'plan'");
    else out.set('focus', 'plan');
  }
  if (has('center_time')) {
    const n = numberOf(body.center_time, WHOLE_RE);
    if (body.center_time === 'latest') out.set('center_time', 'latest');
    else if (n !== undefined && Number.isInteger(n) && n > 0) out.set('center_time', String(n > 1e10 ? Math.floor(n / 1000) : n));
    else bad('center_time', "must be 'latest' or epoch seconds");
  }
  if (has('scale_plan')) {
    const n = numberOf(body.scale_plan, POSITIVE_RE, { min: MIN_CHART_NUMBER, max: Number.MAX_VALUE });
    if (body.scale_plan === 'auto' || body.scale_plan === 'off') out.set('scale_plan', body.scale_plan);
    else if (n !== undefined && Number.isFinite(n) && n > 0) out.set('scale_plan', formatPrice(n, 4));
    else bad('scale_plan', "must be 'auto', 'off' or a positive multiplier");
  }
  for (const k of ['supportingLevels', 'vwap'] as const) {
    if (!has(k)) continue;
    const b = toBool(body[k]);
    if (b === undefined) bad(k, 'must be a boolean or 0/1');
    else if (!b) out.set(k, '0'); // shown by default: only "off" is worth a parameter
  }

  if (!canonical) {
    for (const k of LEGACY_EXTRA_KEYS) {
      if (!has(k)) continue;
      const v = body[k];
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        bad(k, 'must be a string or number');
        continue;
      }
      out.set(k, k === 'notes' ? String(v).slice(0, 140) : String(v));
    }
  }

  const params = [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { params, problems, conflicts };
}

/** `{base}/tv?{sorted, encoded params}`; base is an origin without trailing slash. */
export function buildChartUrl(baseUrl: string, params: Array<[string, string]>): string {
  const qs = params.map(([k, v]) => `${encodeQueryValue(k)}=${encodeQueryValue(v)}`).join('&');
  return `${baseUrl.replace(/\/+$/, '')}/tv${qs ? `?${qs}` : ''}`;
}
