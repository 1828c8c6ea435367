import { TtlCache } from './ttl-cache';

function clocks() {
  const c = { wall: 1_000_000, market: 5_000_000 };
  return { c, opts: { ttlMs: 30_000, wallNow: () => c.wall, marketNow: () => c.market } };
}

describe('TtlCache', () => {
  it('serves within the TTL, reloads after it (wall clock)', async () => {
    const { c, opts } = clocks();
    const cache = new TtlCache<number>(opts);
    let n = 0;
    const load = async () => ++n;
    expect(await cache.get('k', load)).toEqual({ value: 1, cached: false, ageMs: 0 });
    c.wall += 29_999;
    c.market += 29_999;
    expect(await cache.get('k', load)).toEqual({ value: 1, cached: true, ageMs: 29_999 });
    c.wall += 1;
    expect(await cache.get('k', load)).toEqual({ value: 2, cached: false, ageMs: 0 });
  });

  it('expires on the market clock too (replay runs faster than wall time) and when it moves backwards', async () => {
    const { c, opts } = clocks();
    const cache = new TtlCache<number>(opts);
    let n = 0;
    await cache.get('k', async () => ++n);
    c.market += 30_000;
    expect((await cache.get('k', async () => ++n)).cached).toBe(false);
    c.market -= 60_000;
    expect((await cache.get('k', async () => ++n)).cached).toBe(false);
    expect(n).toBe(3);
  });

  it('single-flight: concurrent gets share one load; failures are not cached', async () => {
    const { opts } = clocks();
    const cache = new TtlCache<string>(opts);
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = async () => {
      calls++;
      await gate;
      return 'v';
    };
    const all = Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]);
    release();
    const res = await all;
    expect(calls).toBe(1);
    expect(res.map((r) => r.cached)).toEqual([false, true, true]);

    let fails = 0;
    const bad = async () => {
      fails++;
      throw new Error('upstream');
    };
    await expect(cache.get('x', bad)).rejects.toThrow('upstream');
    await expect(cache.get('x', bad)).rejects.toThrow('upstream');
    expect(fails).toBe(2);
  });

  it('drops the oldest entries beyond maxEntries', async () => {
    const { opts } = clocks();
    const cache = new TtlCache<number>({ ...opts, maxEntries: 2 });
    let n = 0;
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => ++n);
    expect((await cache.get('a', async () => ++n)).cached).toBe(false);
    expect((await cache.get('c', async () => ++n)).cached).toBe(true);
  });

  it('evicts the least recently used key, not the oldest inserted', async () => {
    const { opts } = clocks();
    const cache = new TtlCache<number>({ ...opts, maxEntries: 2 });
    let n = 0;
    await cache.get('a', async () => ++n);
    await cache.get('b', async () => ++n);
    expect((await cache.get('a', async () => ++n)).cached).toBe(true); // a is now the most recent
    await cache.get('c', async () => ++n); // evicts b
    expect((await cache.get('a', async () => ++n)).cached).toBe(true);
    expect((await cache.get('b', async () => ++n)).cached).toBe(false);
  });

  it('is bounded by bytes too: large values push older ones out before maxEntries is reached', async () => {
    const { opts } = clocks();
    const cache = new TtlCache<{ bars: number[] }>({ ...opts, maxEntries: 1000, maxBytes: 200_000 });
    // ~120 bytes per bar element by the size estimate: 500 bars ≈ 60 KB, so at most 3 fit in 200 KB
    for (let i = 0; i < 50; i++) await cache.get(`k${i}`, async () => ({ bars: new Array(500).fill(1) }));
    expect(cache.size).toBeLessThanOrEqual(3);
    expect(cache.size).toBeGreaterThan(0);
  });
});
