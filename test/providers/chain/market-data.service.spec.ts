import type { Bar } from '../../../src/core/bars/bar';
import { MarketDataService } from '../../../src/providers/chain/market-data.service';
import { FixedClock } from '../../../src/providers/embedded';
import { ProviderError } from '../../../src/providers/provider.errors';
import type { BarsRequest, BarsResult, MarketDataProvider, Quote } from '../../../src/providers/provider.types';
import { fixtureRows } from '../../support/bars';

/** SPY 2023-08-03 regular-session 1-minute bars straight from the CSV (the `session` column is the oracle). */
function regularMinutes(): Bar[] {
  return fixtureRows('lean_spy_1m_2023-08-03.csv')
    .filter((r) => r.session === 'regular')
    .map((r) => ({ time: Number(r.epoch_s) * 1000, open: +r.open, high: +r.high, low: +r.low, close: +r.close, volume: +r.volume }));
}

/** Plain OHLCV aggregation of consecutive groups (the independent reference). */
function aggregate(group: Bar[], time = group[0].time): Bar {
  return {
    time,
    open: group[0].open,
    high: Math.max(...group.map((b) => b.high)),
    low: Math.min(...group.map((b) => b.low)),
    close: group[group.length - 1].close,
    volume: group.reduce((s, b) => s + b.volume, 0),
  };
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** A vendor that only has 5-minute bars (like one lacking 4h) and records every request. */
function fiveMinuteVendor(fiveMin: Bar[]) {
  const requests: BarsRequest[] = [];
  const provider: MarketDataProvider = {
    id: 'polygon',
    testSymbol: 'SPY',
    async getBars(req) {
      requests.push(req);
      if (req.interval !== '5m') throw new ProviderError('polygon', 'unsupported', `no ${req.interval}`);
      const bars = req.limit !== undefined ? fiveMin.slice(-req.limit) : fiveMin;
      return { symbol: req.symbol, interval: req.interval, bars, data_source: 'polygon', as_of: new Date(bars[bars.length - 1].time).toISOString(), stale: false };
    },
    async getQuote(symbol): Promise<Quote> {
      return { symbol, last: 1, time: 0, data_source: 'polygon', as_of: '1970-01-01T00:00:00.000Z', stale: false };
    },
  };
  return { provider, requests };
}

function mapCache() {
  const m = new Map<string, unknown>();
  return { m, get: async (k: string) => m.get(k) as any, set: async (k: string, v: unknown) => void m.set(k, v) };
}

describe('MarketDataService: intervals a vendor lacks are built by resampling a finer one', () => {
  const minutes = regularMinutes();
  const fiveMin = chunks(minutes, 5).map((g) => aggregate(g));
  const clock = new FixedClock(Date.parse('2023-08-03T21:00:00Z'));

  it('fixture sanity: 390 regular minutes from 09:30 ET', () => {
    expect(minutes).toHaveLength(390);
    expect(new Date(minutes[0].time).toISOString()).toBe('2023-08-03T13:30:00.000Z');
  });

  it('4h from 5m equals the OHLCV of 09:30–13:29 and 13:30–15:59 ET computed from the raw minutes', async () => {
    const v = fiveMinuteVendor(fiveMin);
    const svc = new MarketDataService([v.provider], clock, { timeoutMs: 1000 });
    const res = await svc.getBars({ symbol: 'spy', interval: '4h', limit: 10, extendedHours: false });
    const expected = [aggregate(minutes.slice(0, 240)), aggregate(minutes.slice(240))];
    expect(res).toMatchObject({ symbol: 'SPY', interval: '4h', data_source: 'polygon', stale: false });
    expect(res.bars).toHaveLength(2);
    res.bars.forEach((b, i) => {
      expect(b.time).toBe(expected[i].time);
      expect(b.open).toBe(expected[i].open);
      expect(b.high).toBe(expected[i].high);
      expect(b.low).toBe(expected[i].low);
      expect(b.close).toBe(expected[i].close);
      expect(b.volume).toBe(expected[i].volume);
    });
    expect(v.requests.map((r) => r.interval)).toEqual(['4h', '1h', '30m', '15m', '5m']);
  });

  it('respects limit on the coarse bars', async () => {
    const svc = new MarketDataService([fiveMinuteVendor(fiveMin).provider], clock, { timeoutMs: 1000 });
    const res = await svc.getBars({ symbol: 'SPY', interval: '4h', limit: 1 });
    expect(res.bars.map((b) => new Date(b.time).toISOString())).toEqual(['2023-08-03T17:30:00.000Z']);
  });

  it('drops a leading bucket the finer data only partly covers instead of reporting a wrong bar', async () => {
    const from1000 = fiveMin.filter((b) => b.time >= Date.parse('2023-08-03T14:00:00Z'));
    const svc = new MarketDataService([fiveMinuteVendor(from1000).provider], clock, { timeoutMs: 1000 });
    const res = await svc.getBars({ symbol: 'SPY', interval: '1h' });
    // 10:30 ET is the first full hour bucket (09:30 bucket would miss 09:30–09:59).
    expect(new Date(res.bars[0].time).toISOString()).toBe('2023-08-03T14:30:00.000Z');
    expect(res.bars[0]).toEqual(aggregate(minutes.slice(60, 120)));
  });

  it('an interval nobody can build stays a typed no-data answer', async () => {
    const svc = new MarketDataService([fiveMinuteVendor(fiveMin).provider], clock, { timeoutMs: 1000 });
    await expect(svc.getBars({ symbol: 'SPY', interval: '1m' })).rejects.toMatchObject({ status: 404, code: 'no_data' });
  });
});

describe('MarketDataService: cache keys', () => {
  function counting() {
    const calls: BarsRequest[] = [];
    const provider: MarketDataProvider = {
      id: 'yahoo',
      testSymbol: 'SPY',
      async getBars(req): Promise<BarsResult> {
        calls.push(req);
        return { symbol: req.symbol, interval: req.interval, bars: [{ time: calls.length, open: 1, high: 1, low: 1, close: 1, volume: 1 }], data_source: 'yahoo', as_of: 'x', stale: false };
      },
      async getQuote(symbol) {
        calls.push({ symbol, interval: '1m' });
        return { symbol, last: calls.length, time: 0, data_source: 'yahoo', as_of: 'x', stale: false };
      },
    };
    return { provider, calls };
  }

  it('identical requests (symbol case aside) share a key; other symbols, intervals and ranges do not collide', async () => {
    const clock = new FixedClock(Date.parse('2024-06-12T15:00:10Z'));
    const { provider, calls } = counting();
    const svc = new MarketDataService([provider], clock, { timeoutMs: 1000, cache: mapCache() });
    const a = await svc.getBars({ symbol: 'SPY', interval: '5m', limit: 100 });
    const b = await svc.getBars({ symbol: 'spy', interval: '5m', limit: 100 });
    expect(b).toEqual({ ...a, cached: true });
    expect(calls).toHaveLength(1);
    const others = await Promise.all([
      svc.getBars({ symbol: 'QQQ', interval: '5m', limit: 100 }),
      svc.getBars({ symbol: 'SPY', interval: '15m', limit: 100 }),
      svc.getBars({ symbol: 'SPY', interval: '5m', limit: 50 }),
      svc.getBars({ symbol: 'SPY', interval: '5m', limit: 100, from: Date.parse('2024-06-10T00:00:00Z') }),
    ]);
    expect(calls).toHaveLength(5);
    expect(others.map((r) => r.cached)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(others.map((r) => r.bars[0].time)).size).toBe(4);
  });

  it('"now"-relative requests share a key within the clock minute, and not across it', async () => {
    const clock = new FixedClock(Date.parse('2024-06-12T15:00:10Z'));
    const { provider, calls } = counting();
    const svc = new MarketDataService([provider], clock, { timeoutMs: 1000, cache: mapCache() });
    await svc.getBars({ symbol: 'SPY', interval: '1m' });
    clock.set(Date.parse('2024-06-12T15:00:50Z'));
    expect((await svc.getBars({ symbol: 'SPY', interval: '1m' })).cached).toBe(true);
    clock.set(Date.parse('2024-06-12T15:01:00Z'));
    expect((await svc.getBars({ symbol: 'SPY', interval: '1m' })).cached).toBeUndefined();
    // explicit ranges differing only within a minute select the same bar starts → same key
    const to = Date.parse('2024-06-12T14:00:00Z');
    await svc.getBars({ symbol: 'SPY', interval: '1m', to });
    expect((await svc.getBars({ symbol: 'SPY', interval: '1m', to: to + 59_999 })).cached).toBe(true);
    expect(calls).toHaveLength(3);
  });

  it('quotes are cached per 15 s bucket', async () => {
    const clock = new FixedClock(Date.parse('2024-06-12T15:00:00Z'));
    const { provider, calls } = counting();
    const svc = new MarketDataService([provider], clock, { timeoutMs: 1000, cache: mapCache() });
    await svc.getQuote('SPY');
    expect((await svc.getQuote('spy')).cached).toBe(true);
    clock.set(Date.parse('2024-06-12T15:00:15Z'));
    expect((await svc.getQuote('SPY')).cached).toBeUndefined();
    expect(calls).toHaveLength(2);
  });
});

describe('MarketDataService: the stale fallback survives the minute the answer was fetched in', () => {
  /** Answers the first call, then fails every call as an outage would. */
  function failingAfterFirst() {
    let n = 0;
    const provider: MarketDataProvider = {
      id: 'polygon',
      testSymbol: 'SPY',
      async getBars(req) {
        if (n++ > 0) throw new ProviderError('polygon', 'timeout', 'no answer');
        const bars: Bar[] = [{ time: Date.parse('2024-06-12T14:59:00Z'), open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }];
        return { symbol: req.symbol, interval: req.interval, bars, data_source: 'polygon', as_of: '2024-06-12T15:00:00.000Z', stale: false };
      },
      async getQuote(symbol): Promise<Quote> {
        if (n++ > 0) throw new ProviderError('polygon', 'timeout', 'no answer');
        return { symbol, last: 1, time: 0, data_source: 'polygon', as_of: '2024-06-12T15:00:00.000Z', stale: false };
      },
    };
    return provider;
  }

  it('bars fetched at 15:00 are served flagged stale when the vendor fails at 15:03 (a new minute, a new cache key)', async () => {
    const clock = new FixedClock(Date.parse('2024-06-12T15:00:10Z'));
    const svc = new MarketDataService([failingAfterFirst()], clock, { timeoutMs: 1000, cache: mapCache() });
    const fresh = await svc.getBars({ symbol: 'SPY', interval: '1m', limit: 10 });
    expect(fresh.stale).toBe(false);
    clock.set(Date.parse('2024-06-12T15:03:10Z'));
    const later = await svc.getBars({ symbol: 'SPY', interval: '1m', limit: 10 });
    expect(later).toMatchObject({ stale: true, bars: fresh.bars, data_source: 'polygon' });
    // another request shape has no last good value of its own
    await expect(svc.getBars({ symbol: 'SPY', interval: '1m', limit: 20 })).rejects.toMatchObject({ status: 503 });
  });

  it('a quote from the previous 15 s bucket is served flagged stale', async () => {
    const clock = new FixedClock(Date.parse('2024-06-12T15:00:00Z'));
    const svc = new MarketDataService([failingAfterFirst()], clock, { timeoutMs: 1000, cache: mapCache() });
    await svc.getQuote('SPY');
    clock.set(Date.parse('2024-06-12T15:00:45Z'));
    expect(await svc.getQuote('SPY')).toMatchObject({ stale: true, last: 1 });
  });
});
