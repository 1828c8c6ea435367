/**
 * The contract every indicator honours (after trading-signals' shared indicator contract):
 * no value before warm-up, a value exactly at it, same length as the input, malformed input gives
 * NaN/empty instead of throwing, and streaming equals batch on the same closed bars.
 */
import { fixtureBars } from '../../../test/support/bars';
import { toColumns } from '../bars/bar';
import { AtrStream, EmaStream, SessionVwapStream, atr, bollinger, directional, ema, macd, natr, obv, rsi, sessionVwap, sma, stddev, trueRange } from './index';

const c = toColumns(fixtureBars('lean_spy_1m_2023-08-03.csv'));
const P = 14;
const cases: Array<[string, (n?: number) => ArrayLike<number>, number]> = [
  ['sma', () => sma(c.close, P), P - 1],
  ['ema', () => ema(c.close, P), P - 1],
  ['rsi', () => rsi(c.close, P), P],
  ['trueRange', () => trueRange(c.high, c.low, c.close), 1],
  ['atr', () => atr(c.high, c.low, c.close, P), P],
  ['natr', () => natr(c.high, c.low, c.close, P), P],
  ['plusDI', () => directional(c.high, c.low, c.close, P).plusDI, P],
  ['dx', () => directional(c.high, c.low, c.close, P).dx, P],
  ['adx', () => directional(c.high, c.low, c.close, P).adx, 2 * P - 1],
  ['adxr', () => directional(c.high, c.low, c.close, P).adxr, 3 * P - 2],
  ['macd', () => macd(c.close).macd, 25],
  ['macd signal', () => macd(c.close).signal, 33],
  ['bollinger upper', () => bollinger(c.close).upper, 19],
  ['stddev', () => stddev(c.close, P), P - 1],
  ['obv', () => obv(c.close, c.volume), 0],
];

describe.each(cases)('%s honours the indicator contract', (_name, fn, warmup) => {
  const out = fn();
  it('has the input length, NaN before warm-up and a value exactly at it', () => {
    expect(out.length).toBe(c.close.length);
    for (let i = 0; i < warmup; i++) expect(out[i]).toBeNaN();
    expect(Number.isFinite(out[warmup])).toBe(true);
    expect(Number.isFinite(out[out.length - 1])).toBe(true);
  });
});

describe('malformed input never throws or hangs', () => {
  const empty = new Float64Array(0);
  it.each([
    ['sma', () => sma(empty, 5)],
    ['ema with period longer than input', () => ema([1, 2], 5)],
    ['ema with period 0', () => ema([1, 2, 3], 0)],
    ['rsi', () => rsi([], 14)],
    ['atr', () => atr([1], [1], [1], 14)],
    ['macd', () => macd([1, 2, 3])],
    ['bollinger', () => bollinger([NaN, NaN, NaN], 2)],
    ['obv', () => obv([], [])],
    ['sessionVwap', () => sessionVwap([NaN], [1], [1], [1], [0])],
  ])('%s', (_n, fn) => {
    const out = fn() as ArrayLike<number> | { upper: ArrayLike<number> } | { macd: ArrayLike<number> };
    const arr = 'upper' in out ? out.upper : 'macd' in out ? out.macd : out;
    expect(Array.from(arr).every((v) => Number.isNaN(v))).toBe(true);
  });

  it('a NaN price poisons only the windows that contain it', () => {
    const s = sma([1, 2, NaN, 4, 5, 6, 7], 2);
    expect(Array.from(s)).toEqual([NaN, 1.5, NaN, NaN, 4.5, 5.5, 6.5]);
  });

  it('zero volume gives a VWAP equal to the typical price, not a division by zero', () => {
    const t = Date.parse('2023-08-03T13:30:00Z');
    const v = sessionVwap([t, t + 60_000], [10, 11], [8, 9], [9, 10], [0, 0]);
    expect(Array.from(v)).toEqual([9, 9]);
  });
});

describe('streaming equals batch on the same closed bars; peek does not mutate', () => {
  it('EMA, ATR and session VWAP', () => {
    const e = new EmaStream(9);
    const a = new AtrStream(14);
    const v = new SessionVwapStream();
    const be = ema(c.close, 9);
    const ba = atr(c.high, c.low, c.close, 14);
    const bv = sessionVwap(c.time, c.high, c.low, c.close, c.volume);
    for (let i = 0; i < c.close.length; i++) {
      const peekE = e.peek(c.close[i]);
      const peekA = a.peek(c.high[i], c.low[i], c.close[i]);
      const ue = e.update(c.close[i]);
      const ua = a.update(c.high[i], c.low[i], c.close[i]);
      const uv = v.update(c.time[i], c.high[i], c.low[i], c.close[i], c.volume[i]);
      expect(Object.is(peekE, ue) || Math.abs(peekE - ue) < 1e-12).toBe(true);
      expect(Object.is(peekA, ua) || Math.abs(peekA - ua) < 1e-12).toBe(true);
      for (const [s, b] of [
        [ue, be[i]],
        [ua, ba[i]],
        [uv, bv[i]],
      ]) {
        if (Number.isNaN(b)) expect(s).toBeNaN();
        else expect(Math.abs(s - b)).toBeLessThan(1e-9 * Math.abs(b) + 1e-12);
      }
    }
  });
});
