import type { AsOfContext } from '../strategies/as-of-context';
import { emaStack } from '../strategies/as-of-context';
import type { Direction } from '../strategies/strategy.types';

export interface MtfConfluence {
  /** Human-readable tags, e.g. "EMA alignment (5m)", "Above VWAP (1m)", "HTF bias long". */
  tags: string[];
  /** Share of higher timeframes whose trend agrees with the direction (flat counts ½); 0.5 without HTF data. */
  agreement: number;
  /** agreement − 0.5, in [−0.5, 0.5]. */
  mtf_score: number;
  htf_bias: 'long' | 'short' | 'neutral';
}

/** Multi-timeframe confluence of a direction as of the context's bar (HTF bars complete by then only). */
export function mtfConfluence(ctx: AsOfContext, direction: Direction): MtfConfluence {
  const tags: string[] = [];
  const iv = ctx.frame.interval;
  const want = direction === 'long' ? 1 : -1;
  if (emaStack(ctx) === want) tags.push(`EMA alignment (${iv})`);
  if (Number.isFinite(ctx.vwap)) tags.push(ctx.close > ctx.vwap ? `Above VWAP (${iv})` : `Below VWAP (${iv})`);
  if (ctx.adx >= 25) tags.push(`ADX trending (${iv})`);
  let score = 0;
  let ups = 0;
  let downs = 0;
  for (const h of ctx.htf) {
    const agrees = h.trend === (direction === 'long' ? 'up' : 'down');
    score += agrees ? 1 : h.trend === 'flat' ? 0.5 : 0;
    if (h.trend === 'up') ups++;
    if (h.trend === 'down') downs++;
    if (agrees) tags.push(`EMA alignment (${h.interval})`);
    if (direction === 'long' ? h.rsi >= 55 : h.rsi <= 45) tags.push(`RSI ${direction === 'long' ? 'bullish' : 'bearish'} (${h.interval})`);
    if (h.adx >= 25) tags.push(`ADX trending (${h.interval})`);
  }
  const agreement = ctx.htf.length ? score / ctx.htf.length : 0.5;
  const htf_bias = ups > downs ? 'long' : downs > ups ? 'short' : 'neutral';
  if (ctx.htf.length) {
    tags.push(`HTF bias ${htf_bias}`);
    tags.push(`MTF agreement ${agreement.toFixed(2)}`);
  }
  return { tags, agreement, mtf_score: agreement - 0.5, htf_bias };
}
