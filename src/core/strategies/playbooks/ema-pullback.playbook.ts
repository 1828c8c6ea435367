import { etMinutes, Playbook } from '../strategy.types';
import { adxAtLeast, fmt, intradayGuard, lowestLow, highestHigh, none, stackCondition } from './playbook-helpers';

/** EMA trend pullback: EMA9>20>50 trend, a dip to within 0.35×ATR of EMA20 in the last 3 bars, then resumption. */
export const emaPullback: Playbook = {
  id: 'ema_pullback_trend',
  name: 'EMA Pullback Trend',
  description: 'Join an established EMA trend after a shallow pullback into the 20 EMA resumes.',
  styles: [
    { style: 'intraday', interval: '5m', lookback_bars: 300 },
    { style: 'swing', interval: '1h', lookback_bars: 500 },
    { style: 'leaps', interval: '1D', lookback_bars: 400 },
  ],
  window_et: { start_min: etMinutes(9, 45), end_min: etMinutes(15, 55) },
  min_rr: 1.5,
  rules: {
    direction: 'long with EMA9>20>50, short with EMA9<20<50',
    trigger: 'lowest low of the last 3 bars ≤ EMA20 + 0.35×ATR while close > EMA20 and close > previous close (short mirrored); entry = close',
    invalidation: 'pullback extreme (lowest low of the last 5 bars; short: highest high)',
    targets: 'ATR ladder snapped to levels (the last swing high/low is a snap candidate)',
  },
  detect(ctx) {
    if (!(ctx.atr > 0)) return none('ATR not available (warm-up)');
    if (ctx.intraday) {
      const g = intradayGuard(ctx);
      if (g) return none(g);
    }
    if (ctx.i < 1) return none('needs a previous bar');
    const prevClose = ctx.frame.bars[ctx.i - 1].close;
    const long = stackCondition(ctx, 'long');
    const short = stackCondition(ctx, 'short');
    if (long.ok) {
      const dipped = lowestLow(ctx, 3) <= ctx.ema20 + 0.35 * ctx.atr;
      if (!dipped) return none('uptrend without a pullback to EMA20');
      if (!(ctx.close > ctx.ema20 && ctx.close > prevClose)) return none('pullback has not resumed (close ≤ EMA20 or ≤ previous close)');
      const lo5 = lowestLow(ctx, 5);
      return {
        direction: 'long',
        entry: ctx.close,
        entry_label: 'EMA20 pullback',
        invalidation: { price: lo5, label: 'Pullback low', group: 'structural' },
        targets: [],
        conditions: [long, adxAtLeast(ctx, 20), { name: 'RSI14 40–70', ok: ctx.rsi >= 40 && ctx.rsi <= 70 }],
        trigger_text: `Higher low above EMA20 ${fmt(ctx.ema20)} and reclaim of EMA9 ${fmt(ctx.ema9)}`,
        invalidation_text: `Close below the pullback low ${fmt(lo5)}`,
        notes: `Uptrend pullback into EMA20 ${fmt(ctx.ema20)}`,
      };
    }
    if (short.ok) {
      const popped = highestHigh(ctx, 3) >= ctx.ema20 - 0.35 * ctx.atr;
      if (!popped) return none('downtrend without a pullback to EMA20');
      if (!(ctx.close < ctx.ema20 && ctx.close < prevClose)) return none('pullback has not resumed (close ≥ EMA20 or ≥ previous close)');
      const hi5 = highestHigh(ctx, 5);
      return {
        direction: 'short',
        entry: ctx.close,
        entry_label: 'EMA20 pullback',
        invalidation: { price: hi5, label: 'Pullback high', group: 'structural' },
        targets: [],
        conditions: [short, adxAtLeast(ctx, 20), { name: 'RSI14 30–60', ok: ctx.rsi >= 30 && ctx.rsi <= 60 }],
        trigger_text: `Lower high below EMA20 ${fmt(ctx.ema20)} and rejection of EMA9 ${fmt(ctx.ema9)}`,
        invalidation_text: `Close above the pullback high ${fmt(hi5)}`,
        notes: `Downtrend pullback into EMA20 ${fmt(ctx.ema20)}`,
      };
    }
    return none('no EMA9/20/50 stack');
  },
};
