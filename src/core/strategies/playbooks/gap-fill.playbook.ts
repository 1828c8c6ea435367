import { etMinutes, Playbook } from '../strategy.types';
import { fmt, intradayGuard, none, volumeAtLeastMedian, vwapSide } from './playbook-helpers';

/**
 * Opening gap fill: a gap of at least max(0.3×ATR, 0.3 % of the previous close) that is already
 * moving back toward the previous close (gap up: close below the session open, not yet filled).
 */
export const gapFill: Playbook = {
  id: 'gap_fill_open',
  name: 'Opening Gap Fill',
  description: 'Fade an opening gap back toward the previous regular close once price starts moving back.',
  styles: [
    { style: 'scalp', interval: '1m', lookback_bars: 900 },
    { style: 'intraday', interval: '5m', lookback_bars: 300 },
  ],
  window_et: { start_min: etMinutes(9, 30), end_min: etMinutes(11, 30) },
  min_rr: 1.5,
  rules: {
    direction: 'gap up → short, gap down → long',
    trigger: '|open − prev close| ≥ max(0.3×ATR, 0.3 % prev close) and close back inside the gap (gap up: prev close < close < open); entry = close',
    invalidation: 'the opening-drive extreme (gap up: highest high of the first 3 session bars)',
    targets: 'TP1 = previous close (gap filled), then the ATR ladder',
  },
  detect(ctx) {
    const g = intradayGuard(ctx);
    if (g) return none(g);
    const s = ctx.session!;
    if (!ctx.prev) return none('previous close unknown');
    const pc = ctx.prev.close;
    const gap = s.open - pc;
    if (Math.abs(gap) < Math.max(0.3 * ctx.atr, 0.003 * pc)) return none(`gap ${fmt(ctx.gap_pct)} % too small`);
    const end = Math.min(ctx.i, s.start_index + 2);
    let driveHigh = -Infinity;
    let driveLow = Infinity;
    for (let k = s.start_index; k <= end; k++) {
      driveHigh = Math.max(driveHigh, ctx.frame.bars[k].high);
      driveLow = Math.min(driveLow, ctx.frame.bars[k].low);
    }
    const moved = { name: '|close − prev close| > 0.2×ATR', ok: Math.abs(ctx.close - pc) > 0.2 * ctx.atr };
    if (gap > 0 && ctx.close < s.open && ctx.close > pc) {
      return {
        direction: 'short',
        entry: ctx.close,
        entry_label: 'Gap fade',
        invalidation: { price: Math.max(driveHigh, ctx.bar.high), label: 'Opening drive high', group: 'session' },
        targets: [{ price: pc, label: 'Gap fill (PDC)', group: 'structural' }],
        conditions: [vwapSide(ctx, 'short'), volumeAtLeastMedian(ctx), moved],
        trigger_text: `Stay below the open ${fmt(s.open)}`,
        invalidation_text: `Reclaim of the opening drive high ${fmt(driveHigh)}`,
        notes: `Gap up ${fmt(ctx.gap_pct)} % fading toward ${fmt(pc)}`,
      };
    }
    if (gap < 0 && ctx.close > s.open && ctx.close < pc) {
      return {
        direction: 'long',
        entry: ctx.close,
        entry_label: 'Gap fill bid',
        invalidation: { price: Math.min(driveLow, ctx.bar.low), label: 'Opening drive low', group: 'session' },
        targets: [{ price: pc, label: 'Gap fill (PDC)', group: 'structural' }],
        conditions: [vwapSide(ctx, 'long'), volumeAtLeastMedian(ctx), moved],
        trigger_text: `Stay above the open ${fmt(s.open)}`,
        invalidation_text: `Loss of the opening drive low ${fmt(driveLow)}`,
        notes: `Gap down ${fmt(ctx.gap_pct)} % filling toward ${fmt(pc)}`,
      };
    }
    return none('gap not moving back toward the previous close (or already filled)');
  },
};
