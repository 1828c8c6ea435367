/** Embedded default provider latency: cold synthetic requests (fresh provider, nothing cached). */
import { FixedClock, SyntheticMarketDataProvider, SyntheticOptionsProvider } from '../src/providers/embedded';

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export default async function () {
  const now = Date.parse('2024-06-12T19:00:00Z');
  const rows: Record<string, { runs: number; 'p50 ms': number; 'p95 ms': number }> = {};
  async function measure(name: string, runs: number, fn: (i: number) => Promise<unknown>) {
    const t: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn(i);
      t.push(performance.now() - t0);
    }
    rows[name] = { runs, 'p50 ms': Number(pct(t, 50).toFixed(2)), 'p95 ms': Number(pct(t, 95).toFixed(2)) };
  }
  // distinct symbols so every run is cold (the daily path per symbol is built once, then cached)
  await measure('cold synthetic 5-day 1m bars (new symbol each run)', 30, (i) =>
    new SyntheticMarketDataProvider({ clock: new FixedClock(now) }).getBars({ symbol: `BENCH${i}`, interval: '1m', from: now - 5 * 86_400_000 }),
  );
  const warm = new SyntheticMarketDataProvider({ clock: new FixedClock(now) });
  await warm.getBars({ symbol: 'SPY', interval: '1m', from: now - 5 * 86_400_000 });
  await measure('warm synthetic 5-day 1m bars (same provider)', 30, () => warm.getBars({ symbol: 'SPY', interval: '1m', from: now - 5 * 86_400_000 }));
  await measure('cold synthetic 1D × 500 bars', 20, (i) => new SyntheticMarketDataProvider({ clock: new FixedClock(now) }).getBars({ symbol: `DAILY${i}`, interval: '1D', limit: 500 }));
  const clock = new FixedClock(now);
  const market = new SyntheticMarketDataProvider({ clock });
  const opts = new SyntheticOptionsProvider({ clock, spot: async (s) => (await market.getQuote(s)).last });
  await measure('synthetic option chain, all expirations ≤ 120 DTE', 20, (i) => opts.getChain({ underlying: `OPT${i}` }));
  console.table(rows);
}
