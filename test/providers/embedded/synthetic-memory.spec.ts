/**
 * The synthetic path cache is bounded: every distinct symbol used to keep its whole daily path
 * (2000 → today) forever. Evicted symbols are rebuilt with the same numbers.
 */
import { configureSyntheticPathCache, dailyPoint, minuteBarsOfDay, previousClose, syntheticPathCacheStats } from '../../../src/providers/embedded/synthetic-path';

describe('synthetic path cache bounds', () => {
  afterAll(() => configureSyntheticPathCache());

  it('holds at most maxSymbols paths and maxBytes, LRU first out', () => {
    configureSyntheticPathCache({ maxSymbols: 20, maxBytes: 10 * 1024 * 1024 });
    for (let i = 0; i < 60; i++) dailyPoint(`SYM${i}`, '2001-06-01');
    const stats = syntheticPathCacheStats();
    expect(stats.symbols).toBe(20);
    expect(stats.bytes).toBeLessThanOrEqual(10 * 1024 * 1024);
  });

  it('is bounded by bytes: long paths push symbols out before the entry limit', () => {
    // a path to 2024 is > 6,000 days × 17 bytes ≈ 100 KB; 500 KB holds fewer than 5 of them
    configureSyntheticPathCache({ maxSymbols: 1000, maxBytes: 500 * 1024 });
    for (let i = 0; i < 12; i++) dailyPoint(`BIG${i}`, '2024-06-12');
    const stats = syntheticPathCacheStats();
    expect(stats.symbols).toBeGreaterThan(0);
    expect(stats.symbols).toBeLessThan(5);
    expect(stats.bytes).toBeLessThanOrEqual(500 * 1024);
  });

  it('an evicted symbol is rebuilt with exactly the same numbers', () => {
    configureSyntheticPathCache({ maxSymbols: 3, maxBytes: 10 * 1024 * 1024 });
    const before = { point: dailyPoint('KEEP', '2003-03-03'), prev: previousClose('KEEP', '2003-03-03'), bars: minuteBarsOfDay('KEEP', '2003-03-03') };
    for (let i = 0; i < 10; i++) dailyPoint(`OTHER${i}`, '2003-03-03'); // pushes KEEP out
    configureSyntheticPathCache({ maxSymbols: 3, maxBytes: 10 * 1024 * 1024 }); // and a cold cache too
    expect(dailyPoint('KEEP', '2003-03-03')).toEqual(before.point);
    expect(previousClose('KEEP', '2003-03-03')).toBe(before.prev);
    expect(minuteBarsOfDay('KEEP', '2003-03-03')).toEqual(before.bars);
    expect(before.point).toMatchObject({ date: '2003-03-03' });
    expect(before.bars.length).toBeGreaterThan(390);
  });
});
