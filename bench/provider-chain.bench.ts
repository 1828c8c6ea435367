/**
 * The chain's own cost through MarketDataService: a bars request served from the cache vs a cold one
 * (synthetic provider, so "cold" is generation + chain overhead, no network), and N concurrent
 * identical cold requests collapsing into one upstream call (single-flight).
 */
import { CacheModule, CACHE_MANAGER } from '@nestjs/cache-manager';
import { Test } from '@nestjs/testing';
import type { Cache } from 'cache-manager';
import { cacheModuleOptions, chainCacheOf } from '../src/providers/cache';
import { MarketDataService } from '../src/providers/chain/market-data.service';
import { FixedClock, SyntheticMarketDataProvider } from '../src/providers/embedded';

async function timed(n: number, fn: (i: number) => Promise<unknown>) {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    xs.push(performance.now() - t0);
  }
  xs.sort((a, b) => a - b);
  const q = (p: number) => Number(xs[Math.min(n - 1, Math.floor(n * p))].toFixed(4));
  return { runs: n, 'p50 ms': q(0.5), 'p95 ms': q(0.95) };
}

export default async function (): Promise<void> {
  // the real in-memory cache-manager store the app uses without REDIS_URL
  const mod = await Test.createTestingModule({ imports: [CacheModule.register(cacheModuleOptions({}))] }).compile();
  const clock = new FixedClock(Date.parse('2024-06-12T19:00:00Z'));
  const synthetic = new SyntheticMarketDataProvider({ clock });
  let upstream = 0;
  const counted = { id: synthetic.id, testSymbol: synthetic.testSymbol, getQuote: synthetic.getQuote.bind(synthetic), getBars: (r: any) => (upstream++, synthetic.getBars(r)) };
  const svc = new MarketDataService([counted], clock, { timeoutMs: 5000, cache: chainCacheOf(mod.get<Cache>(CACHE_MANAGER)) });

  await svc.getBars({ symbol: 'SPY', interval: '5m', limit: 300 });
  const rows: Record<string, object> = {
    'cached 5m × 300 bars (in-memory cache-manager)': await timed(500, () => svc.getBars({ symbol: 'SPY', interval: '5m', limit: 300 })),
    'cold 5m × 300 bars (new symbol each run)': await timed(50, (i) => svc.getBars({ symbol: `CH${i}`, interval: '5m', limit: 300 })),
    'cold 4h × 100 bars': await timed(20, (i) => svc.getBars({ symbol: `FH${i}`, interval: '4h', limit: 100 })),
  };
  const before = upstream;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 100 }, () => svc.getBars({ symbol: 'SF', interval: '5m', limit: 300 })));
  rows['100 concurrent identical cold requests'] = { runs: 1, 'p50 ms': Number((performance.now() - t0).toFixed(3)), 'upstream calls': upstream - before };
  console.table(rows);
  await mod.close();
}
