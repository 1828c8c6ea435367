import nock from 'nock';
import { PolygonAdapter } from '../../../src/providers/adapters';
import { readFixtureJson } from '../../support/fixtures';
import { config, http } from './support';

const P = 'https://api.polygon.io';
const polygon = () => new PolygonAdapter(http(), config);
const fx = (f: string) => readFixtureJson('providers', 'polygon', f);

describe('Polygon adapter on recorded responses', () => {
  afterEach(() => nock.cleanAll());
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());

  it('v2 aggregates, following next_url, with the API key', async () => {
    const page1 = { ...fx('v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json'), next_url: `${P}/v2/aggs/next-page-cursor` };
    const page2 = { ...fx('v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json'), results: [{ v: 1, vw: 1.47, o: 1.47, c: 1.48, h: 1.49, l: 1.46, t: 1112673600000, n: 1 }] };
    nock(P)
      .get(/\/v2\/aggs\/ticker\/AAPL\/range\/1\/day\/.*/)
      .query((q) => q.apiKey === 'pk' && q.adjusted === 'true')
      .reply(200, page1);
    nock(P)
      .get('/v2/aggs/next-page-cursor')
      .query((q) => q.apiKey === 'pk')
      .reply(200, page2);
    const res = await polygon().getBars({ symbol: 'AAPL', interval: '1D', from: Date.parse('2005-04-01T00:00:00Z'), to: Date.parse('2005-04-06T00:00:00Z') });
    expect(res.bars.map((b) => new Date(b.time).toISOString().slice(0, 10))).toEqual(['2005-04-01', '2005-04-04', '2005-04-05']);
    expect(res.bars[0]).toEqual({ time: Date.parse('2005-04-01T00:00:00Z'), open: 1.5032, high: 1.5064, low: 1.4489, close: 1.4604, volume: 642646396, vwap: 1.469 });
  });

  it('quote = last trade with NBBO bid/ask (ns timestamps → ms)', async () => {
    nock(P)
      .get('/v2/last/trade/AAPL')
      .query((q) => q.apiKey === 'pk')
      .reply(200, fx('v2_last_trade_AAPL.json'));
    nock(P).get('/v2/last/nbbo/AAPL').query(true).reply(200, fx('v2_last_nbbo_AAPL.json'));
    const q = await polygon().getQuote('AAPL');
    expect(q).toMatchObject({ symbol: 'AAPL', last: 166.25, bid: 155.65, ask: 155.66, data_source: 'polygon', stale: false });
    expect(q.time).toBe(Math.floor(1651179319310617300 / 1e6));
    expect(q.as_of).toBe('2022-04-28T20:55:19.310Z');
  });

  it('plans without real-time data (403 on last trade) fall back to the previous close; market status', async () => {
    nock(P).get('/v2/last/trade/AAPL').query(true).reply(403, { status: 'NOT_AUTHORIZED' });
    nock(P).get('/v2/aggs/ticker/AAPL/prev').query(true).reply(200, fx('v2_aggs_ticker_AAPL_prev.json'));
    expect(await polygon().getQuote('AAPL')).toMatchObject({ symbol: 'AAPL', last: 156.8, prev_close: 156.8, time: 1651003200000, data_source: 'polygon' });
    nock(P).get('/v1/marketstatus/now').query(true).reply(200, fx('v1_marketstatus_now.json'));
    expect(await polygon().getClock()).toMatchObject({ status: 'post', now: '2022-04-28T20:48:08.000Z' });
  });

  it('NBBO failure still yields the trade as the quote', async () => {
    nock(P).get('/v2/last/trade/AAPL').query(true).reply(200, fx('v2_last_trade_AAPL.json'));
    nock(P).get('/v2/last/nbbo/AAPL').query(true).reply(403, {});
    const q = await polygon().getQuote('AAPL');
    expect(q.last).toBe(166.25);
    expect(q.bid).toBeUndefined();
  });

  it('the v3 option chain snapshot: greeks, IV, OI, last quote and the underlying price', async () => {
    const body = fx('v3_snapshot_options_AAPL.json');
    nock(P).get('/v3/snapshot/options/AAPL').query(true).reply(200, body);
    const chain = await polygon().getChain({ underlying: 'AAPL' });
    const r = body.results[0];
    expect(chain.contracts).toHaveLength(body.results.length);
    expect(chain.contracts[0]).toMatchObject({
      symbol: 'AAPL230616C00150000',
      type: 'call',
      strike: 150,
      expiration: '2023-06-16',
      bid: 28.9,
      ask: 29.25,
      open_interest: 8133,
      iv: r.implied_volatility,
      delta: r.greeks.delta,
      vega: r.greeks.vega,
      greeks_source: 'vendor',
    });
    expect(chain.underlying_price).toBe(159.9606);
  });

  it('index symbols use the I: prefix: aggregates and the indices snapshot', async () => {
    nock(P)
      .get(/\/v2\/aggs\/ticker\/I:SPX\/range\/1\/day\//)
      .query(true)
      .reply(200, { ...fx('v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json'), ticker: 'I:SPX' });
    await expect(polygon().getBars({ symbol: 'SPX', interval: '1D', from: 0, to: Date.parse('2005-04-06T00:00:00Z') })).resolves.toMatchObject({ symbol: 'SPX' });
    // No recorded indices snapshot exists: a minimal body in the documented shape of /v3/snapshot/indices
    nock(P)
      .get('/v3/snapshot/indices')
      .query((q) => q['ticker.any_of'] === 'I:SPX')
      .reply(200, {
        status: 'OK',
        results: [
          { ticker: 'I:SPX', name: 'S&P 500', type: 'indices', market_status: 'open', value: 5460.48, last_updated: 1719590760000000000, session: { previous_close: 5482.87, close: 5460.48 } },
        ],
      });
    expect(await polygon().getQuote('SPX')).toMatchObject({ symbol: 'SPX', last: 5460.48, prev_close: 5482.87, time: 1719590760000, data_source: 'polygon' });
    nock(P)
      .get('/v3/snapshot/indices')
      .query(true)
      .reply(200, { status: 'OK', results: [{ ticker: 'I:NDX', error: 'NOT_ENTITLED' }] });
    await expect(polygon().getQuote('NDX')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('maps every interval token to multiplier/timespan', async () => {
    const seen: string[] = [];
    for (const iv of ['1m', '3m', '5m', '15m', '30m', '1h', '4h', '1D', '1W'] as const) {
      nock(P)
        .get(/\/v2\/aggs\/ticker\/AAPL\/range\//)
        .query(true)
        .reply(200, (uri) => {
          seen.push(uri.split('/range/')[1].split('/').slice(0, 2).join('/'));
          return fx('v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json');
        });
      await polygon().getBars({ symbol: 'AAPL', interval: iv, from: 0, to: Date.parse('2005-04-06T00:00:00Z') });
    }
    expect(seen).toEqual(['1/minute', '3/minute', '5/minute', '15/minute', '30/minute', '1/hour', '4/hour', '1/day', '1/week']);
  });
});
