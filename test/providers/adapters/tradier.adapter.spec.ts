import nock from 'nock';
import { TradierAdapter } from '../../../src/providers/adapters';
import { readFixtureJson } from '../../support/fixtures';
import { config, http } from './support';

const T = 'https://api.tradier.com';
const tradier = () => new TradierAdapter(http(), config);
const fx = (f: string) => readFixtureJson('providers', 'tradier', f);

describe('Tradier adapter on recorded responses', () => {
  afterEach(() => nock.cleanAll());
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());

  it('quotes: one result comes as an object, several as an array; sends the Bearer token', async () => {
    nock(T, { reqheaders: { authorization: 'Bearer tk' } })
      .get('/v1/markets/quotes')
      .query(true)
      .reply(200, fx('v1_markets_quotes_PLTR_greeks_2024-06-28.json'));
    const q = await tradier().getQuote('PLTR');
    expect(q).toMatchObject({ symbol: 'PLTR', last: 25.5, bid: 25.49, ask: 25.5, prev_close: 25.22, data_source: 'tradier' });
    const two = fx('v1_markets_quotes_SPY_SPY251219P00450000_greeks_2024-06-28.json');
    nock(T).get('/v1/markets/quotes').query(true).reply(200, two);
    const qs = await tradier().getQuotes(['SPY', 'SPY251219P00450000']);
    expect(qs.map((x) => x.symbol)).toEqual(two.quotes.quote.map((x: any) => x.symbol));
  });

  it('daily history (array) and a single day (object)', async () => {
    const body = fx('v1_markets_history_SPY_daily_2018-01-02_2018-02-23.json');
    nock(T).get('/v1/markets/history').query(true).reply(200, body);
    const res = await tradier().getBars({ symbol: 'SPY', interval: '1D', from: Date.parse('2018-01-01T00:00:00Z'), to: Date.parse('2018-02-24T00:00:00Z') });
    expect(res.bars).toHaveLength(body.history.day.length);
    expect(res.bars[0]).toMatchObject({ time: Date.parse(`${body.history.day[0].date}T00:00:00Z`), close: body.history.day[0].close });
    nock(T).get('/v1/markets/history').query(true).reply(200, fx('v1_markets_history_single_day_object_2018-12-21.json'));
    const one = await tradier().getBars({ symbol: 'SPY', interval: '1D', from: Date.parse('2018-12-21T00:00:00Z'), to: Date.parse('2018-12-22T00:00:00Z') });
    expect(one.bars).toEqual([{ time: Date.parse('2018-12-21T00:00:00Z'), open: 246.74, high: 249.71, low: 239.98, close: 240.7, volume: 255320360 }]);
  });

  it('timesales: 1-minute bars with the vendor’s per-bar VWAP', async () => {
    const body = fx('v1_markets_timesales_SPY_2018-02-26.json');
    nock(T)
      .get('/v1/markets/timesales')
      .query((q) => q.interval === '1min' && q.symbol === 'SPY')
      .reply(200, body);
    const res = await tradier().getBars({ symbol: 'SPY', interval: '1m', from: Date.parse('2018-02-26T14:30:00Z'), to: Date.parse('2018-02-26T21:00:00Z') });
    expect(res.bars).toHaveLength(body.series.data.length);
    expect(res.bars[0]).toEqual({ time: 1519655400000, open: 275.93, high: 276, low: 275.82, close: 275.82, volume: 653535, vwap: 275.92082 });
  });

  it('the market clock and expirations', async () => {
    nock(T).get('/v1/markets/clock').reply(200, fx('v1_markets_clock_closed_2017-09-04.json'));
    expect(await tradier().getClock()).toMatchObject({ status: 'closed', now: new Date(1504505290000).toISOString() });
    const exp = fx('v1_markets_options_expirations_PLTR_2024-06-28.json');
    nock(T).get('/v1/markets/options/expirations').query(true).reply(200, exp);
    expect((await tradier().getExpirations('PLTR')).expirations).toEqual(exp.expirations.date);
  });

  it('a chain with greeks (vendor greeks in our units) and one without', async () => {
    const body = fx('v1_markets_options_chains_PLTR_2026-06-18_greeks_2024-06-28.json');
    nock(T)
      .get('/v1/markets/options/chains')
      .query((q) => q.greeks === 'true' && q.expiration === '2026-06-18')
      .reply(200, body);
    const chain = await tradier().getChain({ underlying: 'PLTR', expiration: '2026-06-18' });
    expect(chain.contracts).toHaveLength(22);
    const raw = body.options.option[0];
    expect(chain.contracts[0]).toMatchObject({
      symbol: raw.symbol,
      type: raw.option_type,
      strike: raw.strike,
      bid: 0,
      ask: 1.41,
      delta: raw.greeks.delta,
      theta: raw.greeks.theta,
      vega: raw.greeks.vega,
      iv: raw.greeks.mid_iv,
      greeks_source: 'vendor',
    });
    const plain = fx('v1_markets_options_chains_SPY_2018-04-04_nogreeks.json');
    nock(T).get('/v1/markets/options/chains').query(true).reply(200, plain);
    const c2 = await tradier().getChain({ underlying: 'SPY', expiration: '2018-04-04' });
    expect(c2.contracts).toHaveLength(180);
    expect(c2.contracts.every((c) => c.delta === null && c.greeks_source === null)).toBe(true);
  });

  it('vendor greeks are already in our units: vega per 1 vol point, theta per day (checked against Black–Scholes)', async () => {
    const body = fx('v1_markets_options_chains_PLTR_2026-06-18_greeks_2024-06-28.json');
    nock(T).get('/v1/markets/options/chains').query(true).reply(200, body);
    const chain = await tradier().getChain({ underlying: 'PLTR', expiration: '2026-06-18' });
    // Independent textbook BSM at the recording (2024-06-28 16:06 GMT, PLTR last 25.5 from the quote
    // recorded with it, r = 5 %). ORATS prices American options with its own rates/dividends, so only
    // the scale is checked: per-1.00 vega would be ~100× and per-year theta ~365× off.
    const S = 25.5,
      r = 0.05,
      years = (Date.parse('2026-06-18T20:00:00Z') - Date.parse('2024-06-28T16:06:00Z')) / (365 * 86_400_000);
    const pdf = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
    const cdf = (x: number) => {
      // Abramowitz–Stegun 7.1.26 via erf
      const z = Math.abs(x) / Math.SQRT2,
        t = 1 / (1 + 0.3275911 * z);
      const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
      return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    };
    const calls = chain.contracts.filter((c) => c.type === 'call' && c.iv && c.strike >= 15 && c.strike <= 35);
    expect(calls.length).toBeGreaterThanOrEqual(4);
    for (const c of calls) {
      const s = c.iv!,
        K = c.strike,
        d1 = (Math.log(S / K) + (r + (s * s) / 2) * years) / (s * Math.sqrt(years)),
        d2 = d1 - s * Math.sqrt(years);
      const vegaPerPoint = (S * pdf(d1) * Math.sqrt(years)) / 100;
      const thetaPerDay = ((-S * pdf(d1) * s) / (2 * Math.sqrt(years)) - r * K * Math.exp(-r * years) * cdf(d2)) / 365;
      expect(c.vega! / vegaPerPoint).toBeGreaterThan(0.8);
      expect(c.vega! / vegaPerPoint).toBeLessThan(1.25);
      expect(c.theta! / thetaPerDay).toBeGreaterThan(0.6);
      expect(c.theta! / thetaPerDay).toBeLessThan(1.6);
      expect(Math.abs(c.delta! - cdf(d1))).toBeLessThan(0.1);
    }
  });

  it('labels sandbox data as tradier_sandbox', async () => {
    const { loadConfig } = await import('../../../src/config/load-config');
    const sandbox = new TradierAdapter(http(), loadConfig({ TRADIER_SANDBOX_TOKEN: 'tk', TRADIER_BASE_URL: 'https://sandbox.tradier.com' }));
    nock('https://sandbox.tradier.com').get('/v1/markets/quotes').query(true).reply(200, fx('v1_markets_quotes_PLTR_greeks_2024-06-28.json'));
    expect((await sandbox.getQuote('PLTR')).data_source).toBe('tradier_sandbox');
  });
});
