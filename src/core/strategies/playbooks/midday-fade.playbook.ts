import { etMinutes, Playbook } from '../strategy.types';
import { fmt, highestHigh, intradayGuard, lowestLow, none } from './playbook-helpers';

/** Midday mean reversion: price stretched ≥ 2×ATR from session VWAP, having just printed its
 * 30-bar extreme (within the last 3 bars), reverts toward VWAP. ATR is the bar interval's ATR14. */
export const middayFade: Playbook = {
  id: 'midday_mean_revert',
  name: 'Midday VWAP Reversion',
  description: 'Fade a midday extension away from VWAP back into VWAP when trend strength is low.',
  styles: [
    { style: 'scalp', interval: '1m', lookback_bars: 900 },
    { style: 'intraday', interval: '5m', lookback_bars: 300 },
  ],
  window_et: { start_min: etMinutes(11, 30), end_min: etMinutes(14, 0) },
  min_rr: 1.25,
  rules: {
    direction: 'below VWAP → long, above → short',
    trigger: '|close − VWAP| ≥ 2×ATR and the 30-bar extreme on the stretched side was printed within the last 3 bars; entry = close',
    invalidation: 'extreme of the last 6 bars',
    targets: 'TP1 = session VWAP, then the ATR ladder',
  },
  detect(ctx) {
    const g = intradayGuard(ctx);
    if (g) return none(g);
    if (!Number.isFinite(ctx.vwap)) return none('no session VWAP');
    const ext = ctx.close - ctx.vwap;
    if (Math.abs(ext) < 2 * ctx.atr) return none(`extension ${fmt(Math.abs(ext) / ctx.atr)}×ATR < 2×ATR`);
    const hi6 = highestHigh(ctx, 6);
    const lo6 = lowestLow(ctx, 6);
    const fresh = ext < 0 ? lowestLow(ctx, 3) <= lowestLow(ctx, 30) : highestHigh(ctx, 3) >= highestHigh(ctx, 30);
    if (!fresh) return none('stretch is not fresh (30-bar extreme older than 3 bars)');
    const conditions = [
      { name: 'ADX14 < 20 (or n/a)', ok: !(ctx.adx >= 20) },
      { name: 'Last 6 bars range < 0.9×ATR', ok: hi6 - lo6 < 0.9 * ctx.atr },
      { name: 'Volume ≤ session median', ok: ctx.bar.volume <= ctx.volume_median },
    ];
    const dir = ext < 0 ? 'long' : 'short';
    return {
      direction: dir,
      entry: ctx.close,
      entry_label: dir === 'long' ? 'Stretch below VWAP' : 'Stretch above VWAP',
      invalidation: dir === 'long' ? { price: lo6, label: '6-bar low', group: 'session' } : { price: hi6, label: '6-bar high', group: 'session' },
      targets: [{ price: ctx.vwap, label: 'Session VWAP', group: 'session' }],
      conditions,
      trigger_text: dir === 'long' ? 'Higher low and close back above the prior bar' : 'Lower high and close back below the prior bar',
      invalidation_text: `Close beyond the 6-bar ${dir === 'long' ? 'low' : 'high'}`,
      notes: `${fmt(Math.abs(ext) / ctx.atr)}×ATR from VWAP ${fmt(ctx.vwap)}`,
    };
  },
};
