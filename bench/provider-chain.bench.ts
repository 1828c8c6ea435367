/** The chain's own cost: a cached bars request vs a cold one, through MarketDataService. */
import { ChainRunner } from '../src/providers/chain/chain-runner';
import { MarketDataService } from '../src/providers/chain/market-data.service';
import { FixedClock, SyntheticMarketDataProvider } from '../src/providers/embedded';

export default async function () {
  const clock = new FixedClock(Date.parse('2024-06-12T19:00:00Z'));
  const m = new Map<string, unknown>();
  const svc = new MarketDataService([new SyntheticMarketDataProvider({ clock })], clock, {
    timeoutMs: 5000,
    cache: { get: async (k) => m.get(k) as any, set: async (k, v) => void m.set(k, v) },
  });
  void ChainRunner;
  const t = (n: number, fn: (i: number) => Promise<unknown>) => async () => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await fn(i);
      xs.push(performance.now() - t0);
    }
    xs.sort((a, b) => a - b);
    return { runs: n, 'p50 ms': Number(xs[Math.floor(n / 2)].toFixed(3)), 'p95 ms': Number(xs[Math.floor(n * 0.95)].toFixed(3)) };
  };
  await svc.getBars({ symbol: 'SPY', interval: '5m', limit: 300 });
  const rows = {
    'cached 5m × 300 bars request': await t(200, () => svc.getBars({ symbol: 'SPY', interval: '5m', limit: 300 }))(),
    'cold 5m × 300 bars request (new symbol)': await t(30, (i) => svc.getBars({ symbol: `CH${i}`, interval: '5m', limit: 300 }))(),
  };
  console.table(rows);
}
