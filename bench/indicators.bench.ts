/**
 * Indicators over 1,000,000 synthetic 1-minute bars.
 * Table 1: the six-indicator pass (EMA20, RSI14, ATR14, ADX14, MACD(12,26,9), BBANDS(20,2)) beside
 * TA-Lib C measured in the same run (the C libraries bundled by the `talib` binding, called directly;
 * see talib-anchor.ts for why and how), rounds interleaved, best of RUNS each.
 * Table 2: every indicator in ns/bar (best of 5), as before.
 */
import { adx, atr, bollinger, directional, ema, macd, obv, rsi, sessionVwap, sma, stddev, EmaStream } from '../src/core/indicators';
import { toColumns } from '../src/core/bars/bar';
import { sessionTag } from '../src/core/session';
import { bindingCallMs, CTimes, ms, prepareTalibC } from './talib-anchor';

const RUNS = 15;
const BINDING_RUNS = 2;

function makeBars(n: number) {
  const bars = [];
  let price = 100;
  let seed = 42;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
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

const r2 = (x: number) => Number(x.toFixed(2));

function versusTalib(c: ReturnType<typeof makeBars>, N: number): void {
  const close = Array.from(c.close);
  const hlc = { high: Array.from(c.high), low: Array.from(c.low), close };
  const cases: Array<[string, keyof CTimes, () => unknown, Record<string, unknown>]> = [
    ['EMA(20)', 'EMA', () => ema(c.close, 20), { inReal: close, optInTimePeriod: 20 }],
    ['RSI(14)', 'RSI', () => rsi(c.close, 14), { inReal: close, optInTimePeriod: 14 }],
    ['ATR(14)', 'ATR', () => atr(c.high, c.low, c.close, 14), { ...hlc, optInTimePeriod: 14 }],
    ['ADX(14)', 'ADX', () => adx(c.high, c.low, c.close, 14), { ...hlc, optInTimePeriod: 14 }],
    ['MACD(12,26,9)', 'MACD', () => macd(c.close), { inReal: close, optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 }],
    ['BBANDS(20,2)', 'BBANDS', () => bollinger(c.close, 20, 2), { inReal: close, optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 }],
  ];
  const cDriver = prepareTalibC(c.high, c.low, c.close);
  const ours: Record<string, number> = { pass: Infinity, directional: Infinity };
  const cBest: Record<string, number> = { pass: Infinity };
  const binding: Record<string, number> = {};
  for (const [, key] of cases) ours[key] = cBest[key] = binding[key] = Infinity;
  for (let r = 0; r < RUNS; r++) {
    for (const [, key, fn] of cases) ours[key] = Math.min(ours[key], ms(fn));
    ours.pass = Math.min(
      ours.pass,
      ms(() => cases.forEach(([, , fn]) => fn())),
    );
    ours.directional = Math.min(
      ours.directional,
      ms(() => directional(c.high, c.low, c.close, 14)),
    );
    if (typeof cDriver !== 'string') {
      const t = cDriver.round();
      for (const k of Object.keys(cBest)) cBest[k] = Math.min(cBest[k], t[k as keyof CTimes]);
    }
    if (r < BINDING_RUNS) for (const [, key, , args] of cases) binding[key] = Math.min(binding[key], bindingCallMs(key, args, N));
  }
  if (typeof cDriver !== 'string') cDriver.dispose();
  binding.pass = cases.reduce((s, [, key]) => s + binding[key], 0);
  const rows: Record<string, Record<string, number | string>> = {};
  for (const [name, key] of [...cases, ['six-indicator pass (in sequence)', 'pass'] as const]) {
    const cMs = cBest[key];
    rows[name] = {
      'ours ms': r2(ours[key]),
      'TA-Lib C ms': typeof cDriver === 'string' ? 'n/a' : r2(cMs),
      'ours / C': typeof cDriver === 'string' ? 'n/a' : r2(ours[key] / cMs),
      'talib binding call ms': r2(binding[key]),
    };
  }
  // what frame-context/strategies call today: all seven ±DM/±DI/DX/ADX/ADXR series (TA-Lib ADX makes one)
  rows['directional(14), all 7 series (not in the pass)'] = {
    'ours ms': r2(ours.directional),
    'TA-Lib C ms': typeof cDriver === 'string' ? 'n/a' : `ADX ${r2(cBest.ADX)}`,
    'ours / C': typeof cDriver === 'string' ? 'n/a' : r2(ours.directional / cBest.ADX),
    'talib binding call ms': '',
  };
  console.log(
    `ours vs TA-Lib C 0.4.0 (-O2, the binding's own static libraries called from bench/talib-c/six-indicators.c) over ${N.toLocaleString('en-US')} bars; ` +
      `best of ${RUNS} interleaved rounds (binding: best of ${BINDING_RUNS}, full range, JS arrays in and out; its pass figure is the sum)`,
  );
  if (typeof cDriver === 'string') console.log(`TA-Lib C not measured: ${cDriver}`);
  console.table(rows);
}

export default async function () {
  const N = 1_000_000;
  const c = makeBars(N);
  versusTalib(c, N);
  const rows: Record<string, { 'ns/bar': number }> = {};
  const run = (name: string, fn: () => unknown) => (rows[name] = { 'ns/bar': r2(time(fn, N)) });
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
  const total = Object.entries(rows)
    .filter(([k]) => k !== 'sessionTag only' && k !== 'EmaStream.update')
    .reduce((s, [, v]) => s + v['ns/bar'], 0);
  rows['full pass (all of the above, 1M bars)'] = { 'ns/bar': r2(total) };
  console.table(rows);
  console.log(`full indicator pass over 1M bars ≈ ${((total * N) / 1e6).toFixed(0)} ms`);
}
