/**
 * Caches let go of expired entries on their own (issue 13 item 1, soak: memory back after the load).
 * Before, an entry past its TTL stayed in the LRU until the same key was read again or evicted, so
 * after a burst of load every cache stayed full of dead values. Each cache here gets a TTL of 40 ms
 * and is never read again: after 200 ms of real time it is empty.
 */
import { TtlCache } from '../../../src/modules/context/ttl-cache';
import { ResponseCache } from '../../../src/common/http-cache/response-cache';
import { boundedMemoryStore } from '../../../src/providers/cache';
import { ChainRunner } from '../../../src/providers/chain/chain-runner';

const TTL = 40;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('expired cache entries are dropped without being read again', () => {
  it('the serialised response cache', async () => {
    const cache = new ResponseCache();
    for (let i = 0; i < 20; i++) cache.set(`k${i}`, Buffer.from('x'.repeat(2000)), 'application/json', TTL);
    cache.set('long', Buffer.from('y'), 'application/json', 60_000);
    expect(cache.size).toBe(21);
    await pause(200);
    expect(cache.size).toBe(1); // the one with a long TTL stays
  });

  it('the context TtlCache', async () => {
    const cache = new TtlCache<number[]>({ ttlMs: TTL, marketNow: Date.now });
    for (let i = 0; i < 20; i++) await cache.get(`k${i}`, async () => [i]);
    expect(cache.size).toBe(20);
    await pause(200);
    expect(cache.size).toBe(0);
  });

  it("the provider cache's in-memory store", async () => {
    const { keyv, lru } = boundedMemoryStore({ providerCacheEntries: 100, providerCacheBytes: 1 << 20 });
    for (let i = 0; i < 20; i++) await keyv.set(`bars|S${i}`, { bars: [i] }, TTL);
    await keyv.set('bars|long', { bars: [0] }, 60_000);
    expect(lru.size).toBe(21);
    await pause(200);
    expect(lru.size).toBe(1);
  });

  it("the chain runner's hot copy of its own writes", async () => {
    const store = new Map<string, unknown>();
    const cache = { get: async (k: string) => store.get(k) as never, set: async (k: string, v: unknown) => void store.set(k, v) };
    const runner = new ChainRunner({ timeoutMs: 1000, cache });
    for (let i = 0; i < 5; i++)
      await runner.run({ capability: 'quote', key: `q|S${i}`, ttlMs: TTL, providers: [{ id: 'yahoo' }], call: async () => ({ n: i, data_source: 'yahoo', as_of: 'x', stale: false }) });
    expect(runner.hotSize).toBe(5);
    await pause(200);
    expect(runner.hotSize).toBe(0);
  });
});
