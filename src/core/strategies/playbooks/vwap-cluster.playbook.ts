import type { AsOfContext } from '../as-of-context';
import { anchoredVwap } from '../frame-index';
import { etMinutes, Playbook } from '../strategy.types';
import { adxAtLeast, fmt, intradayGuard, none, stackCondition, volumeAtLeastMedian } from './playbook-helpers';

const RECLAIM_BARS = 10;

/** Anchored VWAP (typical price × volume) from bar `from` through ctx.i; NaN when the anchor is unusable. */
function avwapAt(ctx: AsOfContext, from: number): number {
  return anchoredVwap(ctx.frame, from, ctx.i);
}

/**
 * VWAP reclaim / rejection at a tight cluster of anchored VWAPs (from the prior session's high bar,
 * its low bar and today's open): price on the trend side of session VWAP and of the cluster.
 */
export const vwapCluster: Playbook = {
  id: 'vwap_avwap',
  name: 'VWAP Reclaim/Reject (AVWAP cluster)',
  description: 'Session VWAP and anchored VWAPs bunch together; price reclaims (long) or rejects (short) the cluster in trend.',
  styles: [
    { style: 'scalp', interval: '1m', lookback_bars: 900 },
    { style: 'intraday', interval: '5m', lookback_bars: 300 },
  ],
  window_et: { start_min: etMinutes(9, 45), end_min: etMinutes(15, 30) },
  min_rr: 1.3,
  rules: {
    direction: 'long on a reclaim (close above the cluster), short on a rejection (close below it)',
    trigger:
      'session VWAP plus ≥1 AVWAP (prior-day high bar / low bar) within max(0.5×ATR, 0.15 % price); a close on the other side of the cluster in the last 10 bars and close now beyond it by ≤ 1×ATR; entry = close',
    invalidation: 'the far side of the cluster (long: lowest anchor; short: highest anchor)',
    targets: 'ATR ladder snapped to levels',
  },
  detect(ctx) {
    const g = intradayGuard(ctx);
    if (g) return none(g);
    if (!ctx.prev || ctx.prev.high_index < 0) return none('needs the previous session in the intraday bars');
    if (!Number.isFinite(ctx.vwap)) return none('no session VWAP');
    const tol = Math.max(0.5 * ctx.atr, 0.0015 * ctx.close);
    const others = [avwapAt(ctx, ctx.prev.high_index), avwapAt(ctx, ctx.prev.low_index)].filter((x) => Number.isFinite(x) && Math.abs(x - ctx.vwap) <= tol);
    if (!others.length) return none('no anchored VWAP within max(0.5×ATR, 0.15 % price) of session VWAP');
    const cluster = [ctx.vwap, ...others];
    const lo = Math.min(...cluster);
    const hi = Math.max(...cluster);
    const conds = (dir: 'long' | 'short') => [stackCondition(ctx, dir), adxAtLeast(ctx, 16), volumeAtLeastMedian(ctx)];
    const crossedFrom = (below: boolean) => {
      for (let k = Math.max(0, ctx.i - RECLAIM_BARS); k < ctx.i; k++) {
        const c = ctx.frame.bars[k].close;
        if (below ? c < lo : c > hi) return true;
      }
      return false;
    };
    const notExtended = Math.abs(ctx.close - (ctx.close > hi ? hi : lo)) <= ctx.atr;
    if (ctx.close > hi && notExtended && crossedFrom(true)) {
      return {
        direction: 'long',
        entry: ctx.close,
        entry_label: 'VWAP cluster reclaim',
        invalidation: { price: lo, label: 'AVWAP cluster low', group: 'session' },
        targets: [],
        conditions: conds('long'),
        trigger_text: `Hold above the VWAP cluster ${fmt(lo)}–${fmt(hi)}`,
        invalidation_text: `Close back below the cluster low ${fmt(lo)}`,
        notes: `Reclaimed VWAP ${fmt(ctx.vwap)} with ${others.length} anchored VWAP(s) within ${fmt(hi - lo)}`,
      };
    }
    if (ctx.close < lo && notExtended && crossedFrom(false)) {
      return {
        direction: 'short',
        entry: ctx.close,
        entry_label: 'VWAP cluster rejection',
        invalidation: { price: hi, label: 'AVWAP cluster high', group: 'session' },
        targets: [],
        conditions: conds('short'),
        trigger_text: `Stay below the VWAP cluster ${fmt(lo)}–${fmt(hi)}`,
        invalidation_text: `Close back above the cluster high ${fmt(hi)}`,
        notes: `Rejected VWAP ${fmt(ctx.vwap)} with ${others.length} anchored VWAP(s) within ${fmt(hi - lo)}`,
      };
    }
    return none('no fresh, unextended cross of the VWAP cluster in the last 10 bars');
  },
};
