/** Each indicator over 1,000,000 synthetic 1-minute bars: ns per bar (best of 5 runs). */
import { atr, bollinger, directional, ema, macd, obv, rsi, sessionVwap, sma, stddev, EmaStream } from '../src/core/indicators';
import { toColumns } from '../src/core/bars/bar';
import { sessionTag } from '../src/core/session';

function makeBars(n: number) {
  const bars = [];
  let price = 100;
  let seed = 42;
  const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const start = Date.parse('2020-01-02T14:30:00Z');
  for (let i = 0; i < n; i++) {
    const o = price;
    price *= 1 + (rnd() - 0.5) * 0.002;
    const h = Math.max(o, price) * (1 + rnd() * 0.0005);
    const l = Math.min(o, price) * (1 - rnd() * 0.0005);
    bars.push({ time: start + i * 60_000, open: o, high: h, low: l, close: price, volume: 1000 + rnd() * 5000 });
  }
  return toColumns(bars);
}

function time(fn: () => unknown, n: number): number {
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0));
  }
  return best / n;
}

export default async function () {
  const N = 1_000_000;
  const c = makeBars(N);
  const rows: Record<string, { 'ns/bar': number }> = {};
  const run = (name: string, fn: () => unknown) => (rows[name] = { 'ns/bar': Number(time(fn, N).toFixed(2)) });
  run('SMA(20)', () => sma(c.close, 20));
  run('EMA(20)', () => ema(c.close, 20));
  run('RSI(14)', () => rsi(c.close, 14));
  run('ATR(14)', () => atr(c.high, c.low, c.close, 14));
  run('±DI/DX/ADX/ADXR(14)', () => directional(c.high, c.low, c.close, 14));
  run('MACD(12,26,9)', () => macd(c.close));
  run('Bollinger(20,2)', () => bollinger(c.close, 20, 2));
  run('STDDEV(20)', () => stddev(c.close, 20));
  run('OBV', () => obv(c.close, c.volume));
  run('session VWAP (with session tagging)', () => sessionVwap(c.time, c.high, c.low, c.close, c.volume));
  run('sessionTag only', () => {
    let k = 0;
    for (let i = 0; i < N; i++) if (sessionTag(c.time[i]) === 'regular') k++;
    return k;
  });
  run('EmaStream.update', () => {
    const s = new EmaStream(20);
    for (let i = 0; i < N; i++) s.update(c.close[i]);
  });
  const total = Object.entries(rows).filter(([k]) => k !== 'sessionTag only' && k !== 'EmaStream.update').reduce((s, [, v]) => s + v['ns/bar'], 0);
  rows['full pass (all of the above, 1M bars)'] = { 'ns/bar': Number(total.toFixed(2)) };
  console.table(rows);
  console.log(`full indicator pass over 1M bars ≈ ${(total * N / 1e6).toFixed(0)} ms`);
}
