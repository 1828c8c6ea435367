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
    nock(P).get(/\/v2\/aggs\/ticker\/AAPL\/range\/1\/day\/.*/).query((q) => q.apiKey === 'pk' && q.adjusted === 'true').reply(200, page1);
    nock(P).get('/v2/aggs/next-page-cursor').query((q) => q.apiKey === 'pk').reply(200, page2);
    const res = await polygon().getBars({ symbol: 'AAPL', interval: '1D', from: Date.parse('2005-04-01T00:00:00Z'), to: Date.parse('2005-04-06T00:00:00Z') });
    expect(res.bars.map((b) => new Date(b.time).toISOString().slice(0, 10))).toEqual(['2005-04-01', '2005-04-04', '2005-04-05']);
    expect(res.bars[0]).toEqual({ time: Date.parse('2005-04-01T00:00:00Z'), open: 1.5032, high: 1.5064, low: 1.4489, close: 1.4604, volume: 642646396, vwap: 1.469 });
  });

  it('previous close as the quote, and the market status', async () => {
    nock(P).get('/v2/aggs/ticker/AAPL/prev').query(true).reply(200, fx('v2_aggs_ticker_AAPL_prev.json'));
    expect(await polygon().getQuote('AAPL')).toMatchObject({ symbol: 'AAPL', last: 156.8, time: 1651003200000, data_source: 'polygon' });
    nock(P).get('/v1/marketstatus/now').query(true).reply(200, fx('v1_marketstatus_now.json'));
    expect(await polygon().getClock()).toMatchObject({ status: 'post', now: '2022-04-28T20:48:08.000Z' });
  });

  it('the v3 option chain snapshot: greeks, IV, OI, last quote and the underlying price', async () => {
    const body = fx('v3_snapshot_options_AAPL.json');
    nock(P).get('/v3/snapshot/options/AAPL').query(true).reply(200, body);
    const chain = await polygon().getChain({ underlying: 'AAPL' });
    const r = body.results[0];
    expect(chain.contracts).toHaveLength(body.results.length);
    expect(chain.contracts[0]).toMatchObject({ symbol: 'AAPL230616C00150000', type: 'call', strike: 150, expiration: '2023-06-16', bid: 28.9, ask: 29.25, open_interest: 8133, iv: r.implied_volatility, delta: r.greeks.delta, vega: r.greeks.vega, greeks_source: 'vendor' });
    expect(chain.underlying_price).toBe(159.9606);
  });

  it('index symbols use the I: prefix', async () => {
    nock(P).get('/v2/aggs/ticker/I:SPX/prev').query(true).reply(200, { ...fx('v2_aggs_ticker_AAPL_prev.json'), ticker: 'I:SPX' });
    await expect(polygon().getQuote('SPX')).resolves.toMatchObject({ symbol: 'SPX' });
  });
});
