import nock from 'nock';
import { YahooAdapter } from '../../../src/providers/adapters';
import { readFixtureJson } from '../../support/fixtures';
import { config, http } from './support';

const Y = 'https://query2.finance.yahoo.com';
const yahoo = () => new YahooAdapter(http(), config);

describe('Yahoo adapter on recorded responses', () => {
  afterEach(() => {
    nock.cleanAll();
    jest.restoreAllMocks();
  });
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());

  it('1-minute chart: the trailing zero-volume "live" point dropped, a null row skipped → 389 bars', async () => {
    const body = readFixtureJson('providers', 'yahoo', 'chart_v8_AAPL_1m_2024-10-02_regular.json');
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2024-10-04T12:07:44Z')); // the recording's Date header
    nock(Y)
      .get('/v8/finance/chart/AAPL')
      .query((q) => q.interval === '1m' && q.period1 === '1727875800' && q.events === 'div|split')
      .reply(200, body);
    const res = await yahoo().getBars({ symbol: 'AAPL', interval: '1m', from: Date.parse('2024-10-02T13:30:00Z'), to: Date.parse('2024-10-03T21:00:00Z') });
    const r = body.chart.result[0];
    const q = r.indicators.quote[0];
    expect(r.timestamp).toHaveLength(391);
    expect(q.volume[390]).toBe(0);
    const nullRows = q.close.filter((c: number | null) => c === null).length;
    expect(nullRows).toBe(1);
    expect(res.bars).toHaveLength(391 - 1 - nullRows);
    expect(res.bars.some((b) => b.time === r.timestamp[390] * 1000)).toBe(false);
    expect(res.bars[0]).toEqual({ time: r.timestamp[0] * 1000, open: q.open[0], high: q.high[0], low: q.low[0], close: q.close[0], volume: q.volume[0] });
    expect(new Date(res.bars[0].time).toISOString()).toBe('2024-10-02T13:30:00.000Z');
    expect(new Date(res.bars[388].time).toISOString()).toBe('2024-10-02T19:59:00.000Z');
    expect(res.bars[388].close).toBe(q.close[389]);
    // the window asked for runs to Oct 3 21:00Z but the recording ends at Oct 2's close: 25 h old, stale
    expect(res).toMatchObject({ data_source: 'yahoo', stale: true, age_s: 25 * 3600, as_of: '2024-10-02T19:59:00.000Z', splits: [] });
  });

  it('1m older than Yahoo keeps (30 days) is unsupported, without a request', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2025-01-15T00:00:00Z'));
    await expect(yahoo().getBars({ symbol: 'AAPL', interval: '1m', from: Date.parse('2024-10-02T13:30:00Z') })).rejects.toMatchObject({ kind: 'unsupported' });
  });

  it('an empty weekend answer (no timestamps, quote:[{}]) is "empty", not a crash', async () => {
    nock(Y)
      .get('/v8/finance/chart/AAPL')
      .query(true)
      .reply(200, readFixtureJson('providers', 'yahoo', 'chart_v8_AAPL_1m_2025-02-01_weekend_empty.json'));
    await expect(yahoo().getBars({ symbol: 'AAPL', interval: '1m' })).rejects.toMatchObject({ provider: 'yahoo', kind: 'empty' });
  });

  it('daily bars across the 2020 4:1 split are Yahoo’s split-adjusted closes, stamped at the ET date', async () => {
    const body = readFixtureJson('providers', 'yahoo', 'chart_v8_AAPL_1d_2020-08-31_2020-11-07_split.json');
    nock(Y).get('/v8/finance/chart/AAPL').query(true).reply(200, body);
    const res = await yahoo().getBars({ symbol: 'AAPL', interval: '1D', from: Date.parse('2020-08-31T00:00:00Z'), to: Date.parse('2020-11-07T00:00:00Z') });
    const r = body.chart.result[0];
    expect(res.bars).toHaveLength(r.timestamp.length);
    expect(new Date(res.bars[0].time).toISOString()).toBe('2020-08-31T00:00:00.000Z');
    expect(res.bars[0].close).toBe(r.indicators.quote[0].close[0]);
    expect(res.bars[0].close).toBeLessThan(150); // post-split scale on the split day itself
    expect(Object.values(r.events.splits)[0]).toMatchObject({ numerator: 4, denominator: 1 });
    expect(res.splits).toEqual([{ time: Date.parse('2020-08-31T13:30:00Z'), numerator: 4, denominator: 1 }]);
  });

  it('NVDA 2021 4:1 split: OHLC continuous across the split day (split-adjusted), closes not dividend-adjusted', async () => {
    const body = readFixtureJson('providers', 'yahoo', 'chart_v8_NVDA_1d_2021-02-01_2022-01-31_split.json');
    nock(Y).get('/v8/finance/chart/NVDA').query(true).reply(200, body);
    const res = await yahoo().getBars({ symbol: 'NVDA', interval: '1D', from: Date.parse('2021-02-01T00:00:00Z'), to: Date.parse('2022-02-01T00:00:00Z') });
    const r = body.chart.result[0];
    expect(res.bars).toHaveLength(r.timestamp.length);
    const i = res.bars.findIndex((b) => b.time === Date.parse('2021-07-20T00:00:00Z'));
    expect(i).toBeGreaterThan(0);
    // an unadjusted series would drop to a quarter on the split day
    const jump = res.bars[i].open / res.bars[i - 1].close;
    expect(jump).toBeGreaterThan(0.8);
    expect(jump).toBeLessThan(1.25);
    expect(res.splits).toEqual([{ time: 1626787800000, numerator: 4, denominator: 1 }]);
    // OHLC is Yahoo's close, not adjclose (which also carries dividends and differs)
    expect(res.bars[0].close).toBe(r.indicators.quote[0].close[0]);
    expect(r.indicators.adjclose[0].adjclose[0]).not.toBe(r.indicators.quote[0].close[0]);
    for (const b of res.bars) expect(b.low <= Math.min(b.open, b.close) && b.high >= Math.max(b.open, b.close)).toBe(true);
  });

  it('limit keeps the most recent bars; a limit of 0 still answers one bar, not a crash', async () => {
    const body = readFixtureJson('providers', 'yahoo', 'chart_v8_AAPL_1d_2020-01-01_2020-01-03.json');
    const ts: number[] = body.chart.result[0].timestamp;
    nock(Y).get('/v8/finance/chart/AAPL').query(true).times(2).reply(200, body);
    const one = await yahoo().getBars({ symbol: 'AAPL', interval: '1D', from: 0, limit: 1 });
    expect(one.bars).toHaveLength(1);
    expect(one.bars[0].close).toBe(body.chart.result[0].indicators.quote[0].close[ts.length - 1]);
    await expect(yahoo().getBars({ symbol: 'AAPL', interval: '1D', from: 0, limit: 0 })).resolves.toMatchObject({ bars: [expect.any(Object)] });
  });

  it('refuses 3m and 4h (the chain builds them from finer bars)', async () => {
    await expect(yahoo().getBars({ symbol: 'AAPL', interval: '4h' })).rejects.toMatchObject({ kind: 'unsupported' });
    await expect(yahoo().getBars({ symbol: 'AAPL', interval: '3m' })).rejects.toMatchObject({ kind: 'unsupported' });
  });

  it('options v7: every call and put, zero pre-market quotes become null', async () => {
    const body = readFixtureJson('providers', 'yahoo', 'options_v7_AAPL_2025-02-24_premarket.json');
    nock(Y).get('/v7/finance/options/AAPL').query(true).reply(200, body);
    const chain = await yahoo().getChain({ underlying: 'AAPL' });
    const o = body.optionChain.result[0].options[0];
    expect(chain.contracts).toHaveLength(o.calls.length + o.puts.length);
    const first = chain.contracts[0];
    expect(first).toMatchObject({ symbol: o.calls[0].contractSymbol, type: 'call', strike: o.calls[0].strike, iv: o.calls[0].impliedVolatility, open_interest: o.calls[0].openInterest });
    const zeroBid = o.calls.concat(o.puts).find((c: any) => c.bid === 0);
    if (zeroBid) expect(chain.contracts.find((c) => c.symbol === zeroBid.contractSymbol)!.bid).toBeNull();
    expect(chain.underlying_price).toBe(body.optionChain.result[0].quote.regularMarketPrice);
  });
});
