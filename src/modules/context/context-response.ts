/**
 * Response shaping for /gpt/context and /gpt/multi-context, including the GPT Actions size limit:
 * a response must stay under 100,000 characters of JSON, so bulk series are trimmed to the most
 * recent points that fit (and the response says so) rather than failing or silently cut by the GPT.
 */
import { INDICATOR_KEYS, trimFrame, type FrameContext, type IndicatorKey, type SeriesPoint } from './frame-context';
import type { ProvenancedFrame } from './context.service';
import type { VolatilityRegime } from './volatility-regime';

/** Leaves headroom under the 100,000-character GPT limit for the envelope. */
export const RESPONSE_CHAR_BUDGET = 95_000;

export interface SizeMeta {
  /** Bars / points per series actually returned (the most recent ones). */
  points_returned: number;
  /** True when fewer than `lookback` points were returned to respect the size limit. */
  truncated: boolean;
  time_unit: 'epoch_s';
}

/** Largest point count ≤ the current one whose rendering fits the budget (shrinks proportionally). */
function fit<T>(render: (points: number) => T, maxPoints: number, budget = RESPONSE_CHAR_BUDGET): { body: T; points: number } {
  let points = maxPoints;
  let body = render(points);
  let len = JSON.stringify(body).length;
  while (len > budget && points > 0) {
    points = Math.max(0, Math.min(points - 1, Math.floor((points * budget * 0.97) / len)));
    body = render(points);
    len = JSON.stringify(body).length;
  }
  return { body, points };
}

function pointsOf(f: FrameContext): number {
  return Math.max(f.bars.length, ...INDICATOR_KEYS.map((k) => f.indicators[k].length));
}

export function presentContext(symbol: string, pf: ProvenancedFrame, cached: boolean) {
  const full = pointsOf(pf.frame);
  const render = (points: number) => {
    const f = trimFrame(pf.frame, points);
    return {
      symbol,
      interval: f.interval,
      lookback: f.lookback,
      bars: f.bars,
      indicators: f.indicators,
      key_levels: f.key_levels,
      trend: f.trend,
      last_close: f.last_close,
      data_source: pf.data_source,
      as_of: pf.as_of,
      stale: pf.stale,
      meta: { cached, points_returned: points, truncated: points < Math.min(full, f.lookback), time_unit: 'epoch_s' as const },
    };
  };
  const { body, points } = fit(render, full);
  body.meta.points_returned = Math.min(points, full);
  return body;
}

export interface FrameInput {
  requested: string;
  pf: ProvenancedFrame;
  cached: boolean;
}

function lastPoints(ind: Record<IndicatorKey, SeriesPoint[]>): Record<IndicatorKey, SeriesPoint[]> {
  const out = {} as Record<IndicatorKey, SeriesPoint[]>;
  for (const k of INDICATOR_KEYS) out[k] = ind[k].slice(-1);
  return out;
}

export function presentMultiContext(symbol: string, frames: FrameInput[], regime: { value: VolatilityRegime; cached: boolean }, includeSeries: boolean) {
  const maxPoints = Math.max(0, ...frames.map((f) => pointsOf(f.pf.frame)));
  const snapshot = (x: FrameInput, points: number) => {
    const f = includeSeries ? trimFrame(x.pf.frame, points) : x.pf.frame;
    return {
      interval: f.interval,
      requested: x.requested,
      lookback: f.lookback,
      ...(includeSeries ? { bars: f.bars } : {}),
      indicators: includeSeries ? f.indicators : lastPoints(f.indicators),
      key_levels: f.key_levels,
      trend: f.trend,
      last_close: f.last_close,
      last_bar_time: f.last_bar_time,
      data_source: x.pf.data_source,
      as_of: x.pf.as_of,
      stale: x.pf.stale,
      cached: x.cached,
    };
  };
  const trends = frames.map((x) => x.pf.frame.trend);
  const up = trends.filter((t) => t === 'up').length;
  const down = trends.filter((t) => t === 'down').length;
  const sources = [...new Set(frames.map((x) => x.pf.data_source))];
  const render = (points: number) => ({
    symbol,
    // one provider id, or "mixed" when frames came from different providers (each snapshot says its own)
    data_source: sources.length === 1 ? sources[0] : 'mixed',
    as_of:
      frames
        .map((x) => x.pf.as_of)
        .sort()
        .at(-1) ?? null,
    stale: frames.some((x) => x.pf.stale),
    snapshots: frames.map((x) => snapshot(x, points)),
    volatility_regime: { ...regime.value, cached: regime.cached },
    summary: {
      frames_used: frames.map((x) => x.pf.frame.interval),
      trend_notes: Object.fromEntries(frames.map((x) => [x.pf.frame.interval, x.pf.frame.trend])),
      // |#up − #down| / #frames: 1 = every frame's EMA stack agrees, 0 = split or flat.
      confluence_score: frames.length ? Math.round((Math.abs(up - down) / frames.length) * 100) / 100 : null,
      regime_label: regime.value.regime_label,
    },
    data_quality: { series_present: includeSeries, iv_present: regime.value.iv_atm !== null },
    meta: {
      cached: frames.every((x) => x.cached) && regime.cached,
      cache_ttl_s: 30,
      iv_cache_ttl_s: 120,
      points_returned: includeSeries ? points : 1,
      truncated: false,
      time_unit: 'epoch_s' as const,
    },
  });
  if (!includeSeries) return render(1);
  const { body, points } = fit(render, maxPoints);
  body.meta.truncated = frames.some((x) => points < Math.min(pointsOf(x.pf.frame), x.pf.frame.lookback));
  return body;
}
