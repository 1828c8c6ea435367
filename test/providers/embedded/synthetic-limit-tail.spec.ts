import { FixedClock, SyntheticMarketDataProvider } from '../../../src/providers/embedded';
import type { Interval } from '../../../src/core/bars/interval';

/**
 * A request for the last N bars reads the newest days first and stops once it has N (issue 13: a few
 * long 1m/5m requests used to generate a whole estimated window and evict every symbol's days). What it
 * returns must be exactly the tail of the same bars read over an explicit, longer range.
 */
const NOW = Date.parse('2024-06-12T17:31:00Z'); // a Wednesday, mid-session
const DAY = 86_400_000;

describe('synthetic bars: last N bars = the tail of a longer range', () => {
  const cases: Array<[Interval, number, number]> = [
    ['1m', 50, 5],
    ['1m', 1980, 8],
    ['1m', 5000, 30],
    ['5m', 300, 20],
    ['5m', 550, 30],
    ['15m', 350, 40],
    ['1h', 550, 150],
    ['4h', 100, 90],
    ['1D', 550, 900],
    ['1D', 3, 10],
    ['1W', 60, 500],
  ];
  for (const [interval, limit, spanDays] of cases) {
    it(`${interval} limit ${limit}`, async () => {
      const p = new SyntheticMarketDataProvider({ clock: new FixedClock(NOW) });
      const tail = await p.getBars({ symbol: 'AAPL', interval, limit });
      // a fresh provider: nothing cached by the first read can make the second agree
      const all = await new SyntheticMarketDataProvider({ clock: new FixedClock(NOW) }).getBars({ symbol: 'AAPL', interval, from: NOW - spanDays * DAY });
      expect(tail.bars.length).toBeGreaterThan(0);
      expect(all.bars.length).toBeGreaterThanOrEqual(tail.bars.length);
      expect(tail.bars).toEqual(all.bars.slice(all.bars.length - tail.bars.length));
      if (interval !== '1m' || spanDays < 30) expect(tail.bars.length).toBe(Math.min(limit, all.bars.length));
      // strictly increasing, none after the clock
      for (let i = 1; i < tail.bars.length; i++) expect(tail.bars[i].time).toBeGreaterThan(tail.bars[i - 1].time);
      expect(tail.bars[tail.bars.length - 1].time).toBeLessThanOrEqual(NOW);
    });
  }

  it('with both from and limit: the last `limit` bars at or after `from`', async () => {
    const p = new SyntheticMarketDataProvider({ clock: new FixedClock(NOW) });
    const from = NOW - 10 * DAY;
    const r = await p.getBars({ symbol: 'MSFT', interval: '5m', from, limit: 400 });
    const all = await new SyntheticMarketDataProvider({ clock: new FixedClock(NOW) }).getBars({ symbol: 'MSFT', interval: '5m', from });
    expect(r.bars).toEqual(all.bars.slice(-400));
    expect(r.bars[0].time).toBeGreaterThanOrEqual(from);
  });
});
