import { CacheModule, CACHE_MANAGER } from '@nestjs/cache-manager';
import { Test } from '@nestjs/testing';
import type { Cache } from 'cache-manager';
import { LRUCache } from 'lru-cache';
import { barsCacheKey, boundedMemoryStore, cacheKey, cacheModuleOptions, chainCacheOf, LastGoodStore, timeBucket } from '../../../src/providers/cache';
import { ChainRunner } from '../../../src/providers/chain/chain-runner';
import { realPart } from '../../support/real-parts';

describe('cache keys', () => {
  const base = { order: 'polygon,yahoo', symbol: 'SPY', interval: '5m', nowMs: Date.parse('2024-06-12T15:00:10Z') };

  it('buckets times and never produces NaN keys', () => {
    expect(timeBucket(125_000, 60_000)).toBe('120000');
    expect(timeBucket(-1, 60_000)).toBe('-60000');
    expect(timeBucket(NaN, 60_000)).toBe('na');
    expect(timeBucket(1, 0)).toBe('na');
  });

  it("keys name the provider order, so a config change never serves another chain's answer", () => {
    expect(barsCacheKey(base)).not.toBe(barsCacheKey({ ...base, order: 'yahoo,polygon' }));
    expect(cacheKey('quote', 'a,b', 'SPY')).not.toBe(cacheKey('quote', 'b,a', 'SPY'));
  });

  it('"now" is the clock minute; explicit from/to are floored to the minute; other fields separate keys', () => {
    expect(barsCacheKey(base)).toBe(barsCacheKey({ ...base, symbol: 'spy', nowMs: Date.parse('2024-06-12T15:00:59.999Z') }));
    expect(barsCacheKey(base)).not.toBe(barsCacheKey({ ...base, nowMs: Date.parse('2024-06-12T15:01:00Z') }));
    expect(barsCacheKey({ ...base, to: 60_000 })).toBe(barsCacheKey({ ...base, to: 119_999 }));
    expect(barsCacheKey({ ...base, to: 60_000 })).not.toBe(barsCacheKey(base));
    const variants = [
      barsCacheKey(base),
      barsCacheKey({ ...base, interval: '15m' }),
      barsCacheKey({ ...base, from: 0 }),
      barsCacheKey({ ...base, limit: 10 }),
      barsCacheKey({ ...base, extendedHours: false }),
      barsCacheKey({ ...base, symbol: 'QQQ' }),
    ];
    expect(new Set(variants).size).toBe(variants.length);
  });
});

describe('LastGoodStore', () => {
  it('is bounded by approximate bytes as well as entries', () => {
    const s = new LastGoodStore<{ bars: number[] }>({ maxEntries: 10_000, maxAgeMs: 60_000, maxBytes: 1_000_000 });
    for (let i = 0; i < 200; i++) s.set(`k${i}`, { bars: new Array(1000).fill(0) }); // ≈120 KB each
    expect(s.size).toBeLessThanOrEqual(8);
    expect(s.bytes).toBeLessThanOrEqual(1_000_000);
    expect(s.get('k199')).toBeDefined();
    expect(s.get('k0')).toBeUndefined();
  });

  it('is bounded (least recently used goes first) and ages out', () => {
    let t = 0;
    const s = new LastGoodStore<number>({ maxEntries: 2, maxAgeMs: 1000, now: () => t });
    s.set('a', 1);
    s.set('b', 2);
    expect(s.get('a')).toBe(1); // a is now the most recent
    s.set('c', 3);
    expect(s.get('b')).toBeUndefined();
    expect(s.get('a')).toBe(1);
    expect(s.size).toBe(2);
    t = 1001;
    expect(s.get('a')).toBeUndefined();
  });
});

describe('cache store selection', () => {
  it('is in memory without REDIS_URL and a Redis store with it', () => {
    const memory = cacheModuleOptions({});
    expect(memory.stores).toHaveLength(1);
    expect((memory.stores as Array<{ store: { lru?: unknown } }>)[0].store.lru).toBeInstanceOf(LRUCache);
    const withRedis = cacheModuleOptions({ redisUrl: 'redis://127.0.0.1:1' });
    expect(withRedis.stores).toHaveLength(1);
  });

  it('the in-memory store is a bounded LRU: distinct keys beyond its entry limit are evicted', async () => {
    const { keyv, lru } = boundedMemoryStore({ providerCacheEntries: 100, providerCacheBytes: 64 * 1024 * 1024 });
    for (let i = 0; i < 1000; i++) await keyv.set(`bars|SYM${i}`, { bars: [1, 2, 3] }, 60_000);
    expect(lru.size).toBe(100);
    expect(await keyv.get('bars|SYM999')).toEqual({ bars: [1, 2, 3] });
    expect(await keyv.get('bars|SYM0')).toBeUndefined();
    const bytes = boundedMemoryStore({ providerCacheEntries: 100_000, providerCacheBytes: 1_000_000 });
    for (let i = 0; i < 100; i++) await bytes.keyv.set(`k${i}`, { bars: new Array(1000).fill(0) }, 60_000);
    expect(bytes.lru.calculatedSize).toBeLessThanOrEqual(1_000_000);
    expect(bytes.lru.size).toBeLessThan(10);
  });

  it('through the real in-memory CacheModule: served from cache within the TTL, asked again after it', async () => {
    const mod = await Test.createTestingModule({ imports: [CacheModule.register(cacheModuleOptions({}))] }).compile();
    const cache = chainCacheOf(mod.get<Cache>(CACHE_MANAGER));
    const runner = new ChainRunner({ timeoutMs: 1000, cache });
    let calls = 0;
    const run = () => runner.run({ capability: 'quote', key: 'q|SPY', ttlMs: 40, providers: [{ id: 'yahoo' }], call: async () => ({ n: ++calls, data_source: 'yahoo', as_of: 'x', stale: false }) });
    expect(await run()).toMatchObject({ n: 1 });
    expect(await run()).toMatchObject({ n: 1, cached: true });
    await new Promise((r) => setTimeout(r, 60));
    expect(await run()).toMatchObject({ n: 2 });
    await mod.close();
  });
});

describe("the runner's in-process copy of its own writes (hot)", () => {
  const answer = (n: number) => ({ n, data_source: 'yahoo', as_of: 'x', stale: false });

  it('a hit within the TTL skips the store call; at the TTL the store and then the provider are asked again', async () => {
    let now = 1_000_000;
    const store = new Map<string, unknown>();
    let gets = 0;
    const cache = { get: async (k: string) => (gets++, store.get(k) as never), set: async (k: string, v: unknown) => void store.set(k, v) };
    const runner = new ChainRunner({ timeoutMs: 1000, cache, now: () => now });
    let calls = 0;
    const run = () => runner.run({ capability: 'quote', key: 'q|SPY', ttlMs: 15_000, providers: [{ id: 'yahoo' }], call: async () => answer(++calls) });
    expect(await run()).toEqual(answer(1));
    expect(await run()).toEqual({ ...answer(1), cached: true });
    expect(gets).toBe(1); // only the first (missing) read went to the store
    now += 14_999;
    expect(await run()).toMatchObject({ n: 1, cached: true });
    expect(gets).toBe(1);
    now += 1; // the TTL has passed: this store (a Map) never expires, so the read falls through to it
    expect(await run()).toMatchObject({ n: 1, cached: true });
    expect(gets).toBe(2);
    store.clear(); // the shared entry is gone as well: the provider answers, and that write is hot again
    now += 15_000;
    expect(await run()).toEqual(answer(2));
    expect(await run()).toMatchObject({ n: 2, cached: true });
    expect(gets).toBe(3);
  });

  it('is bounded by entries (least recently used dropped) and can be turned off', async () => {
    const store = new Map<string, unknown>();
    let gets = 0;
    const cache = { get: async (k: string) => (gets++, store.get(k) as never), set: async (k: string, v: unknown) => void store.set(k, v) };
    const small = new ChainRunner({ timeoutMs: 1000, cache, hot: { maxEntries: 2, maxBytes: 1 << 20 } });
    const run = (r: ChainRunner, key: string) => r.run({ capability: 'quote', key, ttlMs: 60_000, providers: [{ id: 'yahoo' }], call: async () => answer(1) });
    for (const k of ['a', 'b', 'c']) await run(small, k);
    gets = 0;
    await run(small, 'b');
    await run(small, 'c');
    expect(gets).toBe(0);
    await run(small, 'a'); // dropped from the hot copy, still in the store
    expect(gets).toBe(1);
    const off = new ChainRunner({ timeoutMs: 1000, cache, hot: false });
    gets = 0;
    await run(off, 'a');
    await run(off, 'a');
    expect(gets).toBe(2);
  });
});

const redisUrl = realPart('Redis', 'TEST_REDIS_URL', 'Redis cache store cases');

(redisUrl ? describe : describe.skip)('Redis cache store (TEST_REDIS_URL)', () => {
  it('two runners (two instances) share cached answers through Redis', async () => {
    const mods = await Promise.all([0, 1].map(() => Test.createTestingModule({ imports: [CacheModule.register(cacheModuleOptions({ redisUrl }))] }).compile()));
    const key = `test|chain|${process.pid}|${Date.now()}`;
    const [a, b] = mods.map((m) => new ChainRunner({ timeoutMs: 2000, cache: chainCacheOf(m.get<Cache>(CACHE_MANAGER)) }));
    let calls = 0;
    const call = async () => ({ n: ++calls, data_source: 'yahoo', as_of: 'x', stale: false });
    expect(await a.run({ capability: 'quote', key, ttlMs: 5000, providers: [{ id: 'yahoo' }], call })).toMatchObject({ n: 1 });
    await new Promise((r) => setTimeout(r, 50)); // the write is fire-and-forget
    expect(await b.run({ capability: 'quote', key, ttlMs: 5000, providers: [{ id: 'yahoo' }], call })).toEqual({ n: 1, data_source: 'yahoo', as_of: 'x', stale: false, cached: true });
    expect(calls).toBe(1);
    for (const m of mods) {
      await m.get<Cache>(CACHE_MANAGER).disconnect();
      await m.close();
    }
  });
});
