import type { AsOfContext } from '../as-of-context';
import { etMinutes, Playbook, PriceLevel } from '../strategy.types';
import { adxAtLeast, fmt, highestHigh, intradayGuard, lowestLow, none, stackCondition, volumeAtLeastMedian } from './playbook-helpers';

const RECENT_BARS = 10;

/** True when some bar among the `n` before ctx.i closed on the other side of `level`. */
function brokeRecently(ctx: AsOfContext, level: number, dir: 'long' | 'short', n: number): boolean {
  for (let k = Math.max(0, ctx.i - n); k < ctx.i; k++) {
    const c = ctx.frame.bars[k].close;
    if (dir === 'long' ? c <= level : c >= level) return true;
  }
  return false;
}

/**
 * Range / prior-day level break and retest: a fresh close through the prior-day high/low (or the
 * session range before today's last 10 bars) that is not yet extended; entry on a retest of the level.
 */
export const rangeBreak: Playbook = {
  id: 'range_break_retest',
  name: 'Range Break & Retest',
  description: 'Fresh break of the prior-day high/low (or the intraday range) with an entry on the retest of the broken level.',
  styles: [
    { style: 'scalp', interval: '1m', lookback_bars: 900 },
    { style: 'intraday', interval: '5m', lookback_bars: 300 },
    { style: 'swing', interval: '1h', lookback_bars: 500 },
  ],
  window_et: { start_min: etMinutes(9, 45), end_min: etMinutes(15, 45) },
  min_rr: 1.3,
  rules: {
    direction: 'long through PDH (or the prior range high), short through PDL (or range low)',
    trigger: 'close beyond the level by ≤ 0.5×ATR and a close on the other side within the last 10 bars; entry = level ± 0.05×ATR (retest)',
    invalidation: 'breakout base (lowest low of the last 5 bars; short: highest high)',
    targets: 'ATR ladder snapped to levels',
  },
  detect(ctx) {
    const g = intradayGuard(ctx);
    if (g) return none(g);
    const priorHigh = highestHigh(ctx, 60, ctx.i - RECENT_BARS - 1);
    const priorLow = lowestLow(ctx, 60, ctx.i - RECENT_BARS - 1);
    const ups: PriceLevel[] = [];
    const downs: PriceLevel[] = [];
    if (ctx.prev) {
      ups.push({ price: ctx.prev.high, label: 'PDH', group: 'structural' });
      downs.push({ price: ctx.prev.low, label: 'PDL', group: 'structural' });
    }
    if (Number.isFinite(priorHigh)) ups.push({ price: priorHigh, label: 'Range high', group: 'session' });
    if (Number.isFinite(priorLow)) downs.push({ price: priorLow, label: 'Range low', group: 'session' });
    for (const lvl of ups) {
      const d = ctx.close - lvl.price;
      if (d > 0 && d <= 0.5 * ctx.atr && brokeRecently(ctx, lvl.price, 'long', RECENT_BARS)) {
        const base = lowestLow(ctx, 5);
        return {
          direction: 'long',
          entry: lvl.price + 0.05 * ctx.atr,
          entry_label: `${lvl.label} retest`,
          invalidation: { price: Math.min(base, lvl.price - 0.1 * ctx.atr), label: 'Breakout base', group: lvl.group },
          targets: [],
          conditions: [stackCondition(ctx, 'long'), adxAtLeast(ctx, 18), volumeAtLeastMedian(ctx)],
          trigger_text: `Retest of ${lvl.label} ${fmt(lvl.price)} that holds on a closing basis`,
          invalidation_text: `Close back below ${lvl.label} and the breakout base ${fmt(base)}`,
          notes: `Broke ${lvl.label} ${fmt(lvl.price)} within the last ${RECENT_BARS} bars`,
        };
      }
    }
    for (const lvl of downs) {
      const d = lvl.price - ctx.close;
      if (d > 0 && d <= 0.5 * ctx.atr && brokeRecently(ctx, lvl.price, 'short', RECENT_BARS)) {
        const base = highestHigh(ctx, 5);
        return {
          direction: 'short',
          entry: lvl.price - 0.05 * ctx.atr,
          entry_label: `${lvl.label} retest`,
          invalidation: { price: Math.max(base, lvl.price + 0.1 * ctx.atr), label: 'Breakdown base', group: lvl.group },
          targets: [],
          conditions: [stackCondition(ctx, 'short'), adxAtLeast(ctx, 18), volumeAtLeastMedian(ctx)],
          trigger_text: `Retest of ${lvl.label} ${fmt(lvl.price)} from below that fails`,
          invalidation_text: `Close back above ${lvl.label} and the breakdown base ${fmt(base)}`,
          notes: `Lost ${lvl.label} ${fmt(lvl.price)} within the last ${RECENT_BARS} bars`,
        };
      }
    }
    return none('no fresh, unextended break of PDH/PDL or the prior range');
  },
};
