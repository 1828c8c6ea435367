import { Playbook } from '../strategy.types';
import { adxAtLeast, fmt, highestHigh, lowestLow, none } from './playbook-helpers';

/** Daily swing breakout: close through the prior 20-day high/low, not more than 1×ATR beyond it, with EMA20/50 trend. */
export const swingBreakout: Playbook = {
  id: 'swing_breakout',
  name: 'Swing Breakout (daily)',
  description: 'Daily close through the prior 20-day range in the direction of the 20/50-day EMA trend.',
  styles: [
    { style: 'swing', interval: '1D', lookback_bars: 300 },
    { style: 'leaps', interval: '1D', lookback_bars: 400 },
  ],
  window_et: null,
  min_rr: 1.6,
  rules: {
    direction: 'long above the prior 20-day high with EMA20 > EMA50; short below the 20-day low with EMA20 < EMA50',
    trigger: '0 < close − 20-day high ≤ 1×ATR (short mirrored); entry = close',
    invalidation: 'lowest low of the last 3 days (short: highest high)',
    targets: '55-day extreme when beyond entry, then the ATR ladder',
  },
  detect(ctx) {
    if (ctx.intraday) return none('needs daily bars');
    if (!(ctx.atr > 0) || ctx.i < 21) return none('not enough daily history');
    const hi20 = highestHigh(ctx, 20, ctx.i - 1);
    const lo20 = lowestLow(ctx, 20, ctx.i - 1);
    const hi55 = highestHigh(ctx, 55, ctx.i - 1);
    const lo55 = lowestLow(ctx, 55, ctx.i - 1);
    let volAvg = 0;
    for (let k = Math.max(0, ctx.i - 20); k < ctx.i; k++) volAvg += ctx.frame.bars[k].volume / Math.min(20, ctx.i);
    const volCond = { name: 'Volume ≥ 1.2 × 20-day average', ok: ctx.bar.volume >= 1.2 * volAvg };
    if (ctx.close > hi20 && ctx.close - hi20 <= ctx.atr && ctx.ema20 > ctx.ema50) {
      const lo3 = lowestLow(ctx, 3);
      return {
        direction: 'long',
        entry: ctx.close,
        entry_label: '20-day breakout',
        invalidation: { price: lo3, label: '3-day low', group: 'structural' },
        targets: hi55 > ctx.close ? [{ price: hi55, label: '55-day high', group: 'structural' }] : [],
        conditions: [volCond, adxAtLeast(ctx, 20), { name: 'Close > EMA20', ok: ctx.close > ctx.ema20 }],
        trigger_text: `Daily close holding above ${fmt(hi20)}`,
        invalidation_text: `Daily close below the 3-day low ${fmt(lo3)}`,
        notes: `Closed above the 20-day high ${fmt(hi20)}`,
      };
    }
    if (ctx.close < lo20 && lo20 - ctx.close <= ctx.atr && ctx.ema20 < ctx.ema50) {
      const hi3 = highestHigh(ctx, 3);
      return {
        direction: 'short',
        entry: ctx.close,
        entry_label: '20-day breakdown',
        invalidation: { price: hi3, label: '3-day high', group: 'structural' },
        targets: lo55 < ctx.close ? [{ price: lo55, label: '55-day low', group: 'structural' }] : [],
        conditions: [volCond, adxAtLeast(ctx, 20), { name: 'Close < EMA20', ok: ctx.close < ctx.ema20 }],
        trigger_text: `Daily close holding below ${fmt(lo20)}`,
        invalidation_text: `Daily close above the 3-day high ${fmt(hi3)}`,
        notes: `Closed below the 20-day low ${fmt(lo20)}`,
      };
    }
    return none('no fresh 20-day breakout in the EMA trend direction');
  },
};
