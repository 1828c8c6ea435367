import type { AsOfContext } from '../as-of-context';
import { emaStack } from '../as-of-context';
import type { Condition, Direction, NoSetup } from '../strategy.types';

export const none = (reason: string): NoSetup => ({ reason });

/** Lowest low of the last n bars ending at ctx.i (inclusive). */
export function lowestLow(ctx: AsOfContext, n: number, end = ctx.i): number {
  let lo = Infinity;
  for (let k = Math.max(0, end - n + 1); k <= end; k++) lo = Math.min(lo, ctx.frame.bars[k].low);
  return lo;
}

export function highestHigh(ctx: AsOfContext, n: number, end = ctx.i): number {
  let hi = -Infinity;
  for (let k = Math.max(0, end - n + 1); k <= end; k++) hi = Math.max(hi, ctx.frame.bars[k].high);
  return hi;
}

/** Common checks every intraday playbook needs; returns a reason string when the context is unusable. */
export function intradayGuard(ctx: AsOfContext): string | null {
  if (!ctx.intraday) return 'needs intraday bars';
  if (!(ctx.atr > 0)) return 'ATR not available (warm-up)';
  if (!ctx.session) return 'no regular-session bar yet';
  if (!ctx.frame.regular[ctx.i] && !ctx.ignore_windows) return 'as-of bar is outside the regular session';
  return null;
}

export const stackCondition = (ctx: AsOfContext, dir: Direction): Condition => ({
  name: dir === 'long' ? 'EMA9 > EMA20 > EMA50' : 'EMA9 < EMA20 < EMA50',
  ok: emaStack(ctx) === (dir === 'long' ? 1 : -1),
});

export const adxAtLeast = (ctx: AsOfContext, min: number): Condition => ({ name: `ADX14 ≥ ${min}`, ok: ctx.adx >= min });

export const volumeAtLeastMedian = (ctx: AsOfContext): Condition => ({
  name: 'Volume ≥ session median',
  ok: Number.isFinite(ctx.volume_median) && ctx.bar.volume >= ctx.volume_median,
});

export const vwapSide = (ctx: AsOfContext, dir: Direction): Condition => ({
  name: dir === 'long' ? 'Close above VWAP' : 'Close below VWAP',
  ok: dir === 'long' ? ctx.close > ctx.vwap : ctx.close < ctx.vwap,
});

export const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
