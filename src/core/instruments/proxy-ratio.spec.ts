import type { Bar } from '../bars/bar';
import { ratioFromBars, ratioFromQuote, toIndexLevel, toProxyLevel, translateBars } from './proxy-ratio';

const T0 = Date.parse('2024-07-01T14:00:00Z');
const bar = (i: number, close: number): Bar => ({ time: T0 + i * 60_000, open: close, high: close, low: close, close, volume: 100 });

describe('proxy ratio', () => {
  it('spot ratio of the last aligned minute; gamma = regression-through-origin beta', () => {
    // proxy returns exactly half the index's log returns → beta 0.5 by hand
    const idx: Bar[] = [];
    const px: Bar[] = [];
    let li = Math.log(5500);
    let lp = Math.log(550);
    for (let i = 0; i < 30; i++) {
      const r = (i % 3 === 0 ? 1 : -0.5) * 0.001;
      li += r;
      lp += r / 2;
      idx.push(bar(i, Math.exp(li)));
      px.push(bar(i, Math.exp(lp)));
    }
    const r = ratioFromBars(idx, px, 'polygon')!;
    expect(r.method).toBe('aligned_1m_spot');
    expect(r.ratio).toBeCloseTo(idx[29].close / px[29].close, 6);
    expect(r.gamma).toBeCloseTo(0.5, 4);
    expect(r.n).toBe(30);
    expect(r.as_of).toBe(new Date(T0 + 30 * 60_000).toISOString());
  });

  it('uses only minutes both series have, and needs 15 of them', () => {
    const idx = Array.from({ length: 20 }, (_, i) => bar(i, 5000 + i));
    const px = Array.from({ length: 20 }, (_, i) => bar(i + 6, 500 + i)); // overlap: minutes 6..19 = 14
    expect(ratioFromBars(idx, px, 'x')).toBeNull();
    const px2 = Array.from({ length: 20 }, (_, i) => bar(i + 5, 500 + i)); // minutes 5..19 = 15
    const r = ratioFromBars(idx, px2, 'x')!;
    expect(r.ratio).toBeCloseTo(5019 / 514, 6); // index minute 19 = 5019, proxy minute 19 = 500 + 14
    expect(r.n).toBe(15);
  });

  it('ratio from a quote against the proxy minute containing it', () => {
    const px = [bar(0, 550), bar(1, 551)];
    expect(ratioFromQuote(5515, T0 + 90_000, px, 'synthetic')).toMatchObject({ ratio: 10.009074, method: 'quote_vs_1m_close' });
    expect(ratioFromQuote(5515, T0 + 10 * 60_000, px, 'synthetic')).toBeNull(); // proxy too old
    expect(ratioFromQuote(0, T0 + 90_000, px, 'synthetic')).toBeNull();
  });

  it('translates bars and levels', () => {
    const b: Bar = { time: T0, open: 550.1, high: 551.2, low: 549.95, close: 550.5, volume: 1234 };
    expect(translateBars([b], 10.02)).toEqual([{ time: T0, open: 5512.0, high: 5523.02, low: 5510.5, close: 5516.01, volume: 1234 }]);
    expect(toProxyLevel(5516.01, 10.02)).toBe(550.5);
    // and back: 550.5 × 10.02 = 5516.01 (index ticks of 0.01)
    expect(toIndexLevel(550.5, 10.02)).toBe(5516.01);
    expect(toIndexLevel(480.137, 41.3)).toBe(19829.66);
  });
});
