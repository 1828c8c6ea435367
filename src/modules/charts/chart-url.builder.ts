import { normalizeTicker, TICKER_RULE } from '../../core/symbols/ticker';
import type { FieldProblem } from '../../common/errors';
import { INTERVAL_MS, isIntraday, parseInterval, type Interval } from '../../core/bars/interval';

/** Prices above this are absurd (1e308 would print as an exponent in the link): 400 naming the field. */
const MAX_CHART_PRICE = 10_000_000;
import { PLAN_ID_RE } from '../ideas/dto/idea.dto';

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
const MAX_TARGETS = 5;

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
  problems: FieldProblem[];
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v.trim())) return Number(v);
  return undefined;
}

function toBool(v: unknown): boolean | undefined {
  if (v === true || v === 1 || v === '1' || v === 'true') return true;
  if (v === false || v === 0 || v === '0' || v === 'false') return false;
  return undefined;
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
  return body.style_hint ?? body.style;
}

/**
 * Validate and canonicalise a chart request body. `canonical` = FF_CHART_CANONICAL_V1.
 * Problems are returned (never thrown) so the controller can answer one 400 naming every field.
 */
export function canonicalChartParams(body: Record<string, unknown>, canonical: boolean): ChartUrlResult {
  const problems: FieldProblem[] = [];
  const out = new Map<string, string>();
  const bad = (field: string, message: string) => problems.push({ field, message });
  const has = (k: string) => body[k] !== undefined && body[k] !== null && body[k] !== '';

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
    else bad('style_hint', 'must be one of scalp, intraday, swing, leaps');
  }
  const forceInterval = has('force_interval') ? toBool(body.force_interval) : false;
  if (forceInterval === undefined) bad('force_interval', 'must be a boolean or 0/1');
  let interval: Interval | undefined;
  if (!has('interval')) bad('interval', 'is required');
  else {
    interval = typeof body.interval === 'string' || typeof body.interval === 'number' ? parseInterval(String(body.interval)) : undefined;
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
    const n = toNumber(body[k]);
    if (n === undefined || !Number.isFinite(n) || n <= 0) {
      bad(k, 'must be a positive number');
      return undefined;
    }
    if (n > MAX_CHART_PRICE) {
      bad(k, `must be at most ${MAX_CHART_PRICE}`);
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
    const parts = Array.isArray(body.tp) ? body.tp : typeof body.tp === 'string' ? body.tp.split(',').filter((s) => s.trim() !== '') : [body.tp];
    const nums = parts.map(toNumber);
    if (nums.some((n) => n === undefined || !Number.isFinite(n) || n <= 0)) bad('tp', 'must be positive numbers (a list or a comma-separated string)');
    else if (nums.some((n) => (n as number) > MAX_CHART_PRICE)) bad('tp', `must be at most ${MAX_CHART_PRICE}`);
    else if (nums.length > MAX_TARGETS) bad('tp', `at most ${MAX_TARGETS} targets`);
    else targets = (nums as number[]).map((n) => Number(formatPrice(n, decimals)));
    if (targets.length) out.set('tp', targets.map((n) => formatPrice(n, decimals)).join(','));
  }
  if (direction && entry !== undefined && stop !== undefined && targets.length) {
    const s = direction === 'long' ? 1 : -1;
    if (!(s * (entry - stop) > 0 && s * (targets[0] - entry) > 0)) {
      bad('entry', direction === 'long' ? 'order invalid for long (stop < entry < TP1)' : 'order invalid for short (stop > entry > TP1)');
    }
    for (let i = 1; i < targets.length; i++) {
      if (!(s * (targets[i] - targets[i - 1]) > 0)) bad('tp', `tp${i + 1} not ${direction === 'long' ? 'above' : 'below'} previous`);
    }
  }

  // plan identity (plan_version; `version` accepted as an alias)
  if (has('plan_id')) {
    if (typeof body.plan_id !== 'string' || !PLAN_ID_RE.test(body.plan_id)) bad('plan_id', 'must be a plan_id such as SPY-intraday-20261124-abcdef');
    else out.set('plan_id', body.plan_id);
  }
  const versions = ['plan_version', 'version'].filter(has).map((k) => ({ k, n: toNumber(body[k]) }));
  for (const { k, n } of versions) if (n === undefined || !Number.isInteger(n) || n < 1) bad(k, 'must be a positive integer');
  const vset = new Set(versions.map((v) => v.n));
  if (vset.size > 1) bad('plan_version', 'plan_version and version disagree');
  else if (versions.length && !problems.some((p) => p.field === 'plan_version' || p.field === 'version')) out.set('plan_version', String(versions[0].n));

  // display options
  if (has('ema')) {
    const parts = Array.isArray(body.ema)
      ? body.ema
      : String(body.ema)
          .split(',')
          .filter((s) => s.trim() !== '');
    const spans = parts.map(toNumber);
    if (spans.some((n) => n === undefined || !Number.isInteger(n) || n < 1 || n > 400) || spans.length > 5) bad('ema', 'must be up to 5 integer spans 1–400');
    else out.set('ema', [...new Set(spans as number[])].sort((a, b) => a - b).join(','));
  }
  if (has('view')) {
    if (!(VIEWS as readonly unknown[]).includes(body.view)) bad('view', `must be one of ${VIEWS.join(', ')}`);
    else out.set('view', String(body.view));
  }
  if (has('range')) {
    const m = typeof body.range === 'string' ? /^(\d{1,3})([dwmy])$/i.exec(body.range.trim()) : null;
    if (!m || Number(m[1]) < 1) bad('range', 'must look like 1D, 5D, 2W, 3M or 1Y');
    else out.set('range', `${Number(m[1])}${m[2].toUpperCase()}`);
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
    const n = toNumber(body.center_time);
    if (body.center_time === 'latest') out.set('center_time', 'latest');
    else if (n !== undefined && Number.isInteger(n) && n > 0) out.set('center_time', String(n > 1e10 ? Math.floor(n / 1000) : n));
    else bad('center_time', "must be 'latest' or epoch seconds");
  }
  if (has('scale_plan')) {
    const n = toNumber(body.scale_plan);
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
  return { params, problems };
}

/** `{base}/tv?{sorted, encoded params}`; base is an origin without trailing slash. */
export function buildChartUrl(baseUrl: string, params: Array<[string, string]>): string {
  const qs = params.map(([k, v]) => `${encodeQueryValue(k)}=${encodeQueryValue(v)}`).join('&');
  return `${baseUrl.replace(/\/+$/, '')}/tv${qs ? `?${qs}` : ''}`;
}
