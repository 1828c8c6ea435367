import type { Bar } from '../bars/bar';

export interface PivotPoints {
  pivot: number;
  r1: number;
  r2: number;
  r3: number;
  s1: number;
  s2: number;
  s3: number;
}

/** Classic floor pivots from a prior session's high, low and close. */
export function pivotPoints(p: { high: number; low: number; close: number }): PivotPoints {
  const pivot = (p.high + p.low + p.close) / 3;
  const range = p.high - p.low;
  return {
    pivot,
    r1: 2 * pivot - p.low,
    s1: 2 * pivot - p.high,
    r2: pivot + range,
    s2: pivot - range,
    r3: p.high + 2 * (pivot - p.low),
    s3: p.low - 2 * (p.high - pivot),
  };
}

export interface Swing {
  index: number;
  time: number;
  price: number;
  kind: 'high' | 'low';
}

/**
 * Fractal swing points: a high strictly above the `left` bars before it and at least as high as the
 * `right` bars after it (lows mirrored). A swing is only known `right` bars after it happened.
 */
export function swings(bars: readonly Bar[], left = 2, right = 2): Swing[] {
  const out: Swing[] = [];
  for (let i = left; i < bars.length - right; i++) {
    const h = bars[i].high;
    const l = bars[i].low;
    let isHigh = true;
    let isLow = true;
    for (let j = i - left; j <= i + right && (isHigh || isLow); j++) {
      if (j === i) continue;
      if (j < i ? bars[j].high >= h : bars[j].high > h) isHigh = false;
      if (j < i ? bars[j].low <= l : bars[j].low < l) isLow = false;
    }
    if (isHigh) out.push({ index: i, time: bars[i].time, price: h, kind: 'high' });
    if (isLow) out.push({ index: i, time: bars[i].time, price: l, kind: 'low' });
  }
  return out;
}

export interface Zone {
  low: number;
  high: number;
  kind: 'supply_zone' | 'demand_zone' | 'fair_value_gap';
  label: string;
  /** Bar index / start time where the zone formed. */
  index: number;
  time: number;
  /** True once price has traded back into the zone after it formed. */
  mitigated: boolean;
}

/**
 * Fair-value gaps (3-bar imbalance): bullish when bar i+1's low is above bar i−1's high (the gap
 * between them), bearish when bar i+1's high is below bar i−1's low. Gaps smaller than `minSize` are ignored.
 */
export function fairValueGaps(bars: readonly Bar[], minSize = 0): Zone[] {
  const out: Zone[] = [];
  for (let i = 1; i < bars.length - 1; i++) {
    const a = bars[i - 1];
    const c = bars[i + 1];
    let zone: Zone | null = null;
    if (c.low > a.high && c.low - a.high > minSize) zone = { low: a.high, high: c.low, kind: 'fair_value_gap', label: 'FVG ↑', index: i, time: bars[i].time, mitigated: false };
    else if (c.high < a.low && a.low - c.high > minSize) zone = { low: c.high, high: a.low, kind: 'fair_value_gap', label: 'FVG ↓', index: i, time: bars[i].time, mitigated: false };
    if (!zone) continue;
    for (let j = i + 2; j < bars.length; j++) {
      if (zone.label === 'FVG ↑' ? bars[j].low <= zone.high : bars[j].high >= zone.low) {
        zone.mitigated = true;
        break;
      }
    }
    out.push(zone);
  }
  return out;
}

/**
 * Supply/demand zones: the base bar (last opposite-coloured candle) right before an impulsive move
 * whose range over `impulseBars` bars exceeds `impulseAtr` × ATR. Demand = base before a rally
 * (zone = base low..base high), supply = base before a drop.
 */
export function supplyDemandZones(bars: readonly Bar[], atrSeries: ArrayLike<number>, impulseAtr = 2, impulseBars = 3): Zone[] {
  const out: Zone[] = [];
  for (let i = 0; i + impulseBars < bars.length; i++) {
    const a = atrSeries[i];
    if (!(a > 0)) continue;
    const base = bars[i];
    const end = bars[i + impulseBars];
    const move = end.close - base.close;
    if (Math.abs(move) < impulseAtr * a) continue;
    const demand = move > 0;
    if (demand ? base.close > base.open : base.close < base.open) continue; // base must be an opposite candle
    const zone: Zone = { low: base.low, high: base.high, kind: demand ? 'demand_zone' : 'supply_zone', label: demand ? 'Demand' : 'Supply', index: i, time: base.time, mitigated: false };
    for (let j = i + impulseBars + 1; j < bars.length; j++) {
      if (demand ? bars[j].low <= zone.high : bars[j].high >= zone.low) {
        zone.mitigated = true;
        break;
      }
    }
    if (!out.some((z) => z.kind === zone.kind && z.low <= zone.high && zone.low <= z.high)) out.push(zone);
  }
  return out;
}

export interface LiquidityPool {
  price: number;
  kind: 'equal_highs' | 'equal_lows';
  touches: number;
  times: number[];
}

/** Liquidity pools: two or more swing highs (lows) within `tolerance` of each other — resting stops sit beyond them. */
export function liquidityPools(bars: readonly Bar[], tolerance: number, left = 2, right = 2): LiquidityPool[] {
  const pts = swings(bars, left, right);
  const out: LiquidityPool[] = [];
  for (const kind of ['high', 'low'] as const) {
    const group = pts.filter((p) => p.kind === kind).sort((a, b) => a.price - b.price);
    let cluster: Swing[] = [];
    const flush = () => {
      if (cluster.length >= 2) {
        out.push({
          price: cluster.reduce((s, p) => s + p.price, 0) / cluster.length,
          kind: kind === 'high' ? 'equal_highs' : 'equal_lows',
          touches: cluster.length,
          times: cluster.map((p) => p.time).sort((a, b) => a - b),
        });
      }
      cluster = [];
    };
    for (const p of group) {
      if (cluster.length && p.price - cluster[0].price > tolerance) flush();
      cluster.push(p);
    }
    flush();
  }
  return out;
}
