/**
 * Caller-owned output buffers (`out`): a buffer full of stale values gives exactly what the allocating
 * call gives (warm-up NaNs included), is the array returned, and a buffer of the wrong length is refused.
 */
import { fixtureBars } from '../../../test/support/bars';
import { toColumns } from '../bars/bar';
import { adx, atr, bollinger, directional, ema, macd, rsi, stddev } from './index';

const c = toColumns(fixtureBars('lean_spy_1m_2023-08-03.csv'));
const n = c.close.length;
const stale = (len = n) => new Float64Array(len).fill(-12345.678);

/** Element-wise Object.is (NaN equals NaN, 0 and −0 differ). */
function expectIdentical(got: Float64Array, want: Float64Array): void {
  expect(got.length).toBe(want.length);
  const diff = Array.from(got).findIndex((v, i) => !Object.is(v, want[i]));
  expect(diff).toBe(-1);
}

type Single = [string, (out?: Float64Array) => Float64Array];
const singles: Single[] = [
  ['ema', (out) => ema(c.close, 20, undefined, out)],
  ['ema seeded later', (out) => ema(c.close, 20, 40, out)],
  ['rsi', (out) => rsi(c.close, 14, out)],
  ['atr', (out) => atr(c.high, c.low, c.close, 14, out)],
  ['adx', (out) => adx(c.high, c.low, c.close, 14, out)],
  ['stddev', (out) => stddev(c.close, 20, 2, out)],
  ['rsi, period too long', (out) => rsi(c.close, n, out)],
  ['adx, period 0', (out) => adx(c.high, c.low, c.close, 0, out)],
];

describe.each(singles)('%s into a caller buffer', (name, fn) => {
  it('writes the same values as the allocating call into the buffer it returns', () => {
    const buf = stale();
    const got = fn(buf);
    expect(got).toBe(buf);
    expectIdentical(got, fn());
  });

  it('refuses a buffer of the wrong length, naming the indicator', () => {
    expect(() => fn(stale(n - 1))).toThrow(RangeError);
    expect(() => fn(stale(n + 1))).toThrow(name.split(/[ ,]/)[0]);
  });
});

describe('multi-series indicators into caller buffers', () => {
  it('bollinger', () => {
    const out = { upper: stale(), middle: stale(), lower: stale() };
    const got = bollinger(c.close, 20, 2, out);
    const want = bollinger(c.close, 20, 2);
    for (const k of ['upper', 'middle', 'lower'] as const) {
      expect(got[k]).toBe(out[k]);
      expectIdentical(got[k], want[k]);
    }
    expect(() => bollinger(c.close, 20, 2, { ...out, lower: stale(3) })).toThrow(/bollinger lower/);
  });

  it('macd', () => {
    const out = { macd: stale(), signal: stale(), hist: stale() };
    const got = macd(c.close, 12, 26, 9, out);
    const want = macd(c.close);
    for (const k of ['macd', 'signal', 'hist'] as const) {
      expect(got[k]).toBe(out[k]);
      expectIdentical(got[k], want[k]);
    }
  });

  it.each([14, 1, n])('directional, period %d', (period) => {
    const out = { plusDM: stale(), minusDM: stale(), plusDI: stale(), minusDI: stale(), dx: stale(), adx: stale(), adxr: stale() };
    const got = directional(c.high, c.low, c.close, period, out);
    const want = directional(c.high, c.low, c.close, period);
    for (const k of Object.keys(out) as Array<keyof typeof out>) {
      expect(got[k]).toBe(out[k]);
      expectIdentical(got[k], want[k]);
    }
  });

  it('a buffer reused across calls of different data holds only the latest result', () => {
    const buf = stale();
    rsi(c.close, 14, buf);
    const reversed = Float64Array.from(c.close).reverse();
    expectIdentical(rsi(reversed, 14, buf), rsi(reversed, 14));
  });
});
