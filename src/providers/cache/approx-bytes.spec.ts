import { approxBytes } from './approx-bytes';

/** What the estimate is for: within a small factor of the value's JSON size, for the shapes caches hold. */
const json = (v: unknown) => JSON.stringify(v).length;

describe('approxBytes', () => {
  const bar = (i: number) => ({ time: 1_700_000_000 + i * 60, open: 100.12, high: 100.5, low: 99.8, close: 100.2, volume: 12_300 });

  it('counts the known big arrays by element', () => {
    expect(approxBytes({ bars: Array.from({ length: 1000 }, (_, i) => bar(i)) })).toBeGreaterThanOrEqual(120_000);
    expect(approxBytes({ bars: [] })).toBeLessThan(400);
  });

  it('stays within 0.5–4× the JSON length of nested values (a context-like answer)', () => {
    const series = (n: number) => Array.from({ length: n }, (_, i) => ({ time: 1_700_000_000 + i * 300, value: 100 + i / 7 }));
    const ctx = {
      symbol: 'SPY',
      interval: '5m',
      indicators: { ema9: series(300), ema20: series(300), rsi14: series(300), macd: { macd: series(300), signal: series(300) } },
      levels: { session_high: 101.2, session_low: 99.1, prev_close: 100 },
      tags: ['trend', 'above_vwap'],
      note: 'x'.repeat(500),
    };
    const est = approxBytes(ctx);
    expect(est / json(ctx)).toBeGreaterThan(0.5);
    expect(est / json(ctx)).toBeLessThan(4);
  });

  it('grows with the array length it samples (10× the elements ≈ 10× the size)', () => {
    const small = approxBytes({ rows: Array.from({ length: 100 }, (_, i) => ({ a: i, b: 'abc' })) });
    const big = approxBytes({ rows: Array.from({ length: 1000 }, (_, i) => ({ a: i, b: 'abc' })) });
    expect(big / small).toBeGreaterThan(8);
    expect(big / small).toBeLessThan(11);
  });

  it('never throws: cycles, typed arrays and primitives', () => {
    const cyc: Record<string, unknown> = { a: 1 };
    cyc.self = cyc;
    expect(approxBytes(cyc)).toBeGreaterThan(0);
    expect(approxBytes({ f: new Float64Array(1000) })).toBeGreaterThan(8000);
    expect(approxBytes(null)).toBe(64);
    expect(approxBytes('text')).toBe(64);
    const bad = Object.defineProperty({}, 'x', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(approxBytes(bad)).toBe(1024);
  });
});
