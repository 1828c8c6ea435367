import type { Bar } from '../../core/bars/bar';
import { approxBytes } from './approx-bytes';
import { LastGoodStore } from './last-good.store';
import { boundedMemoryStore } from './cache-store.factory';
import { PackedBarsAnswer, packForCache, unpackFromCache } from './packed-value';

const bar = (i: number, extra: Partial<Bar> = {}): Bar => ({
  time: 1_718_200_000_000 + i * 60_000,
  open: 100 + i / 7,
  high: 101 + i / 3,
  low: 99 - i / 11,
  close: 100.5 + (0.1 + 0.2) * i,
  volume: 1000 * i,
  ...extra,
});
const answer = (bars: unknown[]) => ({ symbol: 'SPY', interval: '1m', bars, data_source: 'polygon', as_of: '2024-06-12T14:00:00Z', stale: false, warnings: ['x'] });

describe('bars held packed in the in-process caches', () => {
  it('reads back the same answer: every value (Object.is), the keys in their order, fresh objects', () => {
    const bars = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? bar(i, { vwap: 100 + i / 13 }) : bar(i)));
    bars[5] = { ...bars[5], close: -0, open: 1e-300 };
    const a = answer(bars);
    const held = packForCache(a);
    expect(held).toBeInstanceOf(PackedBarsAnswer);
    const back = unpackFromCache(held) as typeof a;
    expect(Object.keys(back)).toEqual(Object.keys(a));
    expect(back).toEqual(a);
    for (let i = 0; i < bars.length; i++) {
      const x = bars[i] as Bar;
      const y = back.bars[i] as Bar;
      expect(Object.keys(y)).toEqual(Object.keys(x));
      for (const k of Object.keys(x) as Array<keyof Bar>) expect(Object.is(y[k], x[k])).toBe(true);
    }
    const again = unpackFromCache(held) as typeof a;
    expect(again.bars).not.toBe(back.bars);
    expect(again.bars[0]).not.toBe(back.bars[0]);
    (back.bars[0] as Bar).close = 0; // a caller's mutation never reaches the cache
    expect((unpackFromCache(held) as typeof a).bars[0]).toEqual(bars[0]);
    const plain = answer(Array.from({ length: 1000 }, (_, i) => bar(i)));
    expect(approxBytes(packForCache(plain))).toBeLessThan(approxBytes(plain) / 2); // 48 B a bar, not ≈ 120–150
  });

  it('keeps anything that is not exactly an array of bars as it is', () => {
    const odd = [
      answer(Array.from({ length: 40 }, (_, i) => ({ ...bar(i), trades: 3 }))), // an extra key
      answer(Array.from({ length: 40 }, (_, i) => (i === 9 ? { ...bar(i), close: '1' } : bar(i)))), // a string
      answer(Array.from({ length: 40 }, (_, i) => (i === 9 ? { ...bar(i), vwap: NaN } : bar(i)))), // NaN vwap
      answer(Array.from({ length: 40 }, (_, i) => (i === 9 ? { ...bar(i), vwap: undefined } : bar(i)))),
      answer(Array.from({ length: 5 }, (_, i) => bar(i))), // too short to matter
      { contracts: [1, 2, 3] },
      [bar(1)],
      'text',
      null,
    ];
    for (const v of odd) {
      expect(packForCache(v)).toBe(v);
      expect(unpackFromCache(v)).toBe(v);
    }
  });

  it('the shared in-memory store and the last-good store hold answers packed and give them back whole', async () => {
    const a = answer(Array.from({ length: 100 }, (_, i) => bar(i)));
    const { keyv, lru } = boundedMemoryStore({ providerCacheEntries: 10, providerCacheBytes: 1 << 20 });
    await keyv.set('bars|SPY', a, 60_000);
    expect(([...lru.values()][0] as { value: unknown }).value).toBeInstanceOf(PackedBarsAnswer);
    expect(await keyv.get('bars|SPY')).toEqual(a);
    const lg = new LastGoodStore<typeof a>({ maxEntries: 10, maxAgeMs: 60_000 });
    lg.set('bars|SPY', a);
    expect(lg.get('bars|SPY')).toEqual(a);
    expect(lg.get('bars|SPY')).not.toBe(a);
    expect(lg.bytes).toBeLessThan(approxBytes(a) / 2);
  });
});
