import { openingRangeEnd } from '../as-of-context';
import { etMinutes, Playbook } from '../strategy.types';
import { adxAtLeast, fmt, intradayGuard, none, stackCondition, volumeAtLeastMedian } from './playbook-helpers';

const RETEST_BARS = 20;

/**
 * Opening-range breakout retest: price closes beyond the 15-minute opening range and the recent bars
 * came back to test that edge within a tolerance of max(0.25×ATR, 0.15 % of price).
 */
export const orbRetest: Playbook = {
  id: 'orb_retest',
  name: 'Opening Range Retest',
  description: 'Break of the 15-minute opening range followed by a retest of the broken edge that holds.',
  styles: [
    { style: 'scalp', interval: '1m', lookback_bars: 900 },
    { style: 'intraday', interval: '5m', lookback_bars: 300 },
  ],
  window_et: { start_min: etMinutes(9, 45), end_min: etMinutes(11, 30) },
  min_rr: 1.3,
  rules: {
    direction: 'long when close > ORH, short when close < ORL',
    trigger: 'the lowest low (long) / highest high (short) of the last ≤20 post-OR bars is within max(0.25×ATR, 0.15 % price) of the OR edge; entry = max(close, ORH) (short: min(close, ORL))',
    invalidation: 'the retest extreme (long: retest low; short: retest high)',
    targets: 'ATR ladder snapped to session/prior-day levels',
  },
  detect(ctx) {
    const g = intradayGuard(ctx);
    if (g) return none(g);
    const or = ctx.opening_range;
    if (!or) return none('opening range not complete');
    const orEnd = openingRangeEnd(ctx);
    const postOr: number[] = [];
    for (let k = ctx.i; k >= ctx.session!.start_index && postOr.length < RETEST_BARS; k--) {
      if (ctx.frame.regular[k] && ctx.frame.bars[k].time >= orEnd) postOr.push(k);
    }
    if (!postOr.length) return none('no bars after the opening range yet');
    const tol = Math.max(0.25 * ctx.atr, 0.0015 * ctx.close);
    const lows = Math.min(...postOr.map((k) => ctx.frame.bars[k].low));
    const highs = Math.max(...postOr.map((k) => ctx.frame.bars[k].high));
    const common = [adxAtLeast(ctx, 18), volumeAtLeastMedian(ctx)];
    if (ctx.close > or.high && Math.abs(lows - or.high) <= tol) {
      return {
        direction: 'long',
        entry: Math.max(ctx.close, or.high),
        entry_label: 'ORH retest',
        invalidation: { price: lows, label: 'Retest low', group: 'session' },
        targets: [],
        conditions: [stackCondition(ctx, 'long'), ...common],
        trigger_text: `Hold above ORH ${fmt(or.high)} on a closing basis`,
        invalidation_text: `Close below the retest low ${fmt(lows)}`,
        notes: `Reclaimed OR high ${fmt(or.high)}; retest low ${fmt(lows)}`,
      };
    }
    if (ctx.close < or.low && Math.abs(highs - or.low) <= tol) {
      return {
        direction: 'short',
        entry: Math.min(ctx.close, or.low),
        entry_label: 'ORL retest',
        invalidation: { price: highs, label: 'Retest high', group: 'session' },
        targets: [],
        conditions: [stackCondition(ctx, 'short'), ...common],
        trigger_text: `Hold below ORL ${fmt(or.low)} on a closing basis`,
        invalidation_text: `Close above the retest high ${fmt(highs)}`,
        notes: `Lost OR low ${fmt(or.low)}; retest high ${fmt(highs)}`,
      };
    }
    return none(ctx.close > or.high || ctx.close < or.low ? 'broke the opening range without a retest within tolerance' : 'close inside the opening range');
  },
};
