import { bsm } from '../../../src/core/options/bsm';
import { yearsToExpiry } from '../../../src/core/options/time';
import { isTradingDay } from '../../../src/core/session/nyse-calendar';
import { etDate } from '../../../src/core/session/et-time';
import { sessionTag } from '../../../src/core/session/session';
import { FixedClock, SyntheticMarketDataProvider, SyntheticOptionsProvider, SYNTHETIC_RATE } from '../../../src/providers/embedded';
import { symbolProfile } from '../../../src/providers/embedded/synthetic-path';

const NOW = Date.parse('2024-06-12T18:00:00Z'); // a Wednesday, 14:00 ET, regular session

describe('synthetic market data (no keys, no network)', () => {
  const make = () => new SyntheticMarketDataProvider({ clock: new FixedClock(NOW) });

  it('serves bars for any symbol, deterministically, labelled synthetic', async () => {
    const a = await make().getBars({ symbol: 'ZZTOP', interval: '5m', limit: 300 });
    const b = await make().getBars({ symbol: 'ZZTOP', interval: '5m', limit: 300 });
    expect(a.bars).toHaveLength(300);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ data_source: 'synthetic', stale: false, symbol: 'ZZTOP', interval: '5m' });
    const other = await make().getBars({ symbol: 'QQQ', interval: '5m', limit: 300 });
    expect(other.bars[0].close).not.toBe(a.bars[0].close);
  });

  it('intraday bars are the resample of its own 1m bars over the whole range (per-day cache), also when asked twice', async () => {
    const { resampleBars } = await import('../../../src/core/bars/resample');
    const p = make();
    const from = NOW - 20 * 86_400_000;
    const minutes = (await p.getBars({ symbol: 'MSFT', interval: '1m', from })).bars;
    for (const interval of ['5m', '15m', '1h', '4h'] as const) {
      for (const extendedHours of [undefined, false]) {
        const visible = extendedHours === false ? minutes.filter((b) => sessionTag(b.time) === 'regular') : minutes;
        const want = resampleBars(visible, interval).filter((b) => b.time >= from); // a bucket that starts before `from` is not served
        const first = await p.getBars({ symbol: 'MSFT', interval, from, extendedHours });
        const again = await p.getBars({ symbol: 'MSFT', interval, from, extendedHours });
        expect(first.bars).toEqual(want);
        expect(again.bars).toEqual(want);
      }
    }
  });

  it('gives the same day the same numbers whatever window is asked for', async () => {
    const p = make();
    const wide = await p.getBars({ symbol: 'AAPL', interval: '1m', from: NOW - 5 * 86_400_000 });
    const narrow = await new SyntheticMarketDataProvider({ clock: new FixedClock(NOW + 7 * 86_400_000) }).getBars({ symbol: 'AAPL', interval: '1m', from: NOW - 3 * 86_400_000, to: NOW });
    const byTime = new Map(wide.bars.map((x) => [x.time, x]));
    expect(narrow.bars.length).toBeGreaterThan(500);
    for (const x of narrow.bars) expect(byTime.get(x.time)).toEqual(x);
  });

  it('has consistent OHLC, no bars after now, none on weekends or holidays', async () => {
    const res = await make().getBars({ symbol: 'SPY', interval: '1m', from: Date.parse('2024-05-20T00:00:00Z') });
    for (const x of res.bars) {
      expect(x.low).toBeLessThanOrEqual(Math.min(x.open, x.close));
      expect(x.high).toBeGreaterThanOrEqual(Math.max(x.open, x.close));
      expect(x.volume).toBeGreaterThan(0);
      expect(x.time + 60_000).toBeLessThanOrEqual(NOW);
      expect(isTradingDay(etDate(x.time))).toBe(true);
      expect(sessionTag(x.time)).not.toBe('closed');
    }
    expect(res.bars.some((x) => etDate(x.time) === '2024-05-27')).toBe(false); // Memorial Day
  });

  it('has a realistic intraday shape: U-shaped volume, busier opening', async () => {
    const res = await make().getBars({ symbol: 'MSFT', interval: '30m', from: Date.parse('2024-04-01T00:00:00Z'), to: Date.parse('2024-06-11T21:00:00Z'), extendedHours: false });
    const byBucket = new Map<string, number[]>();
    for (const x of res.bars) {
      const k = new Date(x.time).toISOString().slice(11, 16);
      byBucket.set(k, [...(byBucket.get(k) ?? []), x.volume]);
    }
    const mean = (k: string) => byBucket.get(k)!.reduce((s, v) => s + v, 0) / byBucket.get(k)!.length;
    // 09:30 ET = 13:30 UTC (summer); midday 12:30 ET = 16:30 UTC; 15:30 ET = 19:30 UTC
    expect(mean('13:30')).toBeGreaterThan(1.5 * mean('16:30'));
    expect(mean('19:30')).toBeGreaterThan(mean('16:30'));
  });

  it('serves daily and weekly bars, quotes and the market clock', async () => {
    const p = make();
    const daily = await p.getBars({ symbol: 'SPY', interval: '1D', limit: 260 });
    expect(daily.bars).toHaveLength(260);
    expect(new Date(daily.bars[259].time).toISOString().slice(0, 10)).toBe('2024-06-12');
    const weekly = await p.getBars({ symbol: 'SPY', interval: '1W', limit: 20 });
    expect(weekly.bars).toHaveLength(20);
    const q = await p.getQuote('spy');
    expect(q).toMatchObject({ symbol: 'SPY', data_source: 'synthetic', stale: false });
    expect(q.bid!).toBeLessThan(q.ask!);
    expect(q.last).toBe(daily.bars[259].close);
    expect(await p.getClock()).toMatchObject({ status: 'open', data_source: 'synthetic' });
  });

  it('rejects malformed symbols as not found (the chain moves on)', async () => {
    await expect(make().getBars({ symbol: '<script>', interval: '1m' })).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('synthetic option chains', () => {
  const clock = new FixedClock(NOW);
  const market = new SyntheticMarketDataProvider({ clock });
  const provider = new SyntheticOptionsProvider({ clock, spot: async (s) => (await market.getQuote(s)).last });

  it('lists standard expirations: weeklies, third-Friday monthlies, January LEAPS; Juneteenth respected', async () => {
    const { expirations } = await provider.getExpirations('AAPL');
    expect(expirations.slice(0, 3)).toEqual(['2024-06-14', '2024-06-21', '2024-06-28']);
    expect(expirations).toContain('2024-07-19');
    expect(expirations).toContain('2025-01-17');
    expect(expirations).toContain('2026-01-16');
  });

  it('SPY also expires every trading day of the next two weeks (Juneteenth 2024-06-19 skipped)', async () => {
    const { expirations } = await provider.getExpirations('SPY');
    expect(expirations.slice(0, 9)).toEqual(['2024-06-12', '2024-06-13', '2024-06-14', '2024-06-17', '2024-06-18', '2024-06-20', '2024-06-21', '2024-06-24', '2024-06-25']);
    expect(expirations).toContain('2024-07-19');
  });

  it('prices a full chain by BSM off a skewed surface with realistic quotes, deterministically', async () => {
    const chain = await provider.getChain({ underlying: 'SPY', expiration: '2024-07-19' });
    const again = await provider.getChain({ underlying: 'SPY', expiration: '2024-07-19' });
    expect(chain).toEqual(again);
    expect(chain.contracts.length).toBeGreaterThan(40);
    expect(chain).toMatchObject({ data_source: 'synthetic', underlying: 'SPY' });
    const S = chain.underlying_price!;
    const T = yearsToExpiry(NOW, '2024-07-19');
    const q = symbolProfile('SPY').dividendYield;
    for (const c of chain.contracts) {
      expect(c.bid!).toBeLessThan(c.ask!);
      expect(c.greeks_source).toBe('computed');
      // the quoted greeks are BSM at the contract's own IV (independent re-computation)
      const g = bsm({ type: c.type, spot: S, strike: c.strike, years: T, rate: SYNTHETIC_RATE, dividendYield: q, vol: c.iv! });
      expect(c.delta).toBeCloseTo(g.delta, 10);
      expect((c.bid! + c.ask!) / 2).toBeCloseTo(g.price, 0);
    }
    // put-call parity on theoretical prices at each strike: C − P = S e^{−qT} − K e^{−rT} (same IV both sides)
    const strikes = [...new Set(chain.contracts.map((c) => c.strike))];
    for (const k of strikes) {
      const c = chain.contracts.find((x) => x.strike === k && x.type === 'call')!;
      const p = chain.contracts.find((x) => x.strike === k && x.type === 'put')!;
      const cp = bsm({ type: 'call', spot: S, strike: k, years: T, rate: SYNTHETIC_RATE, dividendYield: q, vol: c.iv! }).price;
      const pp = bsm({ type: 'put', spot: S, strike: k, years: T, rate: SYNTHETIC_RATE, dividendYield: q, vol: p.iv! }).price;
      expect(cp - pp).toBeCloseTo(S * Math.exp(-q * T) - k * Math.exp(-SYNTHETIC_RATE * T), 8);
    }
    // skew: a 10 % OTM put is richer in vol than a 10 % OTM call; spreads widen away from the money
    const near = (x: number, type: 'call' | 'put') => chain.contracts.filter((c) => c.type === type).reduce((a, b) => (Math.abs(b.strike - x) < Math.abs(a.strike - x) ? b : a));
    expect(near(S * 0.9, 'put').iv!).toBeGreaterThan(near(S * 1.1, 'call').iv!);
    const atm = near(S, 'call');
    const wing = near(S * 1.1, 'call');
    expect((wing.ask! - wing.bid!) / ((wing.ask! + wing.bid!) / 2)).toBeGreaterThan((atm.ask! - atm.bid!) / ((atm.ask! + atm.bid!) / 2));
    expect(atm.open_interest!).toBeGreaterThan(wing.open_interest!);
  });
});
