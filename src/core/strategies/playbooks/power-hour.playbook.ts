import { etMinutes, Playbook } from '../strategy.types';
import { adxAtLeast, fmt, highestHigh, intradayGuard, lowestLow, none, stackCondition, volumeAtLeastMedian, vwapSide } from './playbook-helpers';

/** Power-hour continuation: trend day pressing the last-30-bar range extreme after 15:00 ET. */
export const powerHour: Playbook = {
  id: 'power_hour_trend',
  name: 'Power Hour Continuation',
  description: 'Late-day trend continuation when price presses the recent range extreme on the VWAP side of the trend.',
  styles: [
    { style: 'scalp', interval: '1m', lookback_bars: 900 },
    { style: 'intraday', interval: '5m', lookback_bars: 300 },
  ],
  window_et: { start_min: etMinutes(15, 0), end_min: etMinutes(16, 0) },
  min_rr: 1.4,
  rules: {
    direction: 'long above VWAP with EMA9>20>50; short mirrored',
    trigger: 'close ≥ highest high of the last 30 bars − 0.05×ATR (short: ≤ lowest low + 0.05×ATR); entry = close',
    invalidation: 'min(range low, 10-bar low) (short: max(range high, 10-bar high))',
    targets: 'ATR ladder snapped to levels',
  },
  detect(ctx) {
    const g = intradayGuard(ctx);
    if (g) return none(g);
    const hi30 = highestHigh(ctx, 30, ctx.i - 1);
    const lo30 = lowestLow(ctx, 30, ctx.i - 1);
    const lo10 = lowestLow(ctx, 10);
    const hi10 = highestHigh(ctx, 10);
    for (const dir of ['long', 'short'] as const) {
      const stack = stackCondition(ctx, dir);
      const side = vwapSide(ctx, dir);
      const press = dir === 'long' ? ctx.close >= hi30 - 0.05 * ctx.atr : ctx.close <= lo30 + 0.05 * ctx.atr;
      if (!stack.ok || !side.ok || !press) continue;
      const breakout = { name: dir === 'long' ? 'Close above the 30-bar high' : 'Close below the 30-bar low', ok: dir === 'long' ? ctx.close > hi30 : ctx.close < lo30 };
      return {
        direction: dir,
        entry: ctx.close,
        entry_label: dir === 'long' ? 'Range-high press' : 'Range-low press',
        invalidation: dir === 'long' ? { price: Math.min(lo30, lo10), label: 'Range low', group: 'session' } : { price: Math.max(hi30, hi10), label: 'Range high', group: 'session' },
        targets: [],
        conditions: [stack, side, adxAtLeast(ctx, 20), volumeAtLeastMedian(ctx), breakout],
        trigger_text: dir === 'long' ? `Acceptance above ${fmt(hi30)} into the close` : `Acceptance below ${fmt(lo30)} into the close`,
        invalidation_text: dir === 'long' ? 'Close back below VWAP' : 'Close back above VWAP',
        notes: `Power hour ${dir === 'long' ? 'up' : 'down'}-trend; 30-bar range ${fmt(lo30)}–${fmt(hi30)}`,
      };
    }
    return none('no trend-side press of the 30-bar range');
  },
};
