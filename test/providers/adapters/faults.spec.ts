/**
 * Every adapter under upstream faults: a timeout (within the bound), a caller abort, 429 with
 * Retry-After (seconds and HTTP date), 401, 404, 500, malformed JSON, a body of the wrong shape, and an
 * empty result → the right typed ProviderError kind. A dropped connection: faults-dropped-connection.spec.ts.
 */
import nock from 'nock';
import { FinnhubAdapter, PolygonAdapter, TradierAdapter, TradingEconomicsAdapter, YahooAdapter, parseRetryAfter, statusToKind } from '../../../src/providers/adapters';
import type { CallOptions } from '../../../src/providers/provider.types';
import { ProviderError } from '../../../src/providers/provider.errors';
import { config, http } from './support';

/** The error a call rejects with; a call that resolves fails the test. */
const rejection = (p: Promise<unknown>): Promise<ProviderError> =>
  p.then(
    () => {
      throw new Error('expected the call to reject');
    },
    (e: unknown) => e as ProviderError,
  );

interface Case {
  name: string;
  host: string;
  path: RegExp;
  call: (o?: CallOptions) => Promise<unknown>;
  /** A valid answer with no data, and the kind it must give (`null`: a valid empty result, no error). */
  emptyBody: unknown;
  emptyKind: 'empty' | 'not_found' | null;
}

const cases: Case[] = [
  {
    name: 'yahoo bars',
    host: 'https://query2.finance.yahoo.com',
    path: /\/v8\/finance\/chart\/SPY/,
    call: (o) => new YahooAdapter(http(), config).getBars({ symbol: 'SPY', interval: '5m', ...o }),
    emptyBody: { chart: { result: [{ meta: { symbol: 'SPY' }, indicators: { quote: [{}] } }], error: null } },
    emptyKind: 'empty',
  },
  {
    name: 'yahoo chain',
    host: 'https://query2.finance.yahoo.com',
    path: /\/v7\/finance\/options\/SPY/,
    call: (o) => new YahooAdapter(http(), config).getChain({ underlying: 'SPY', ...o }),
    emptyBody: { optionChain: { result: [], error: null } },
    emptyKind: 'not_found',
  },
  {
    name: 'tradier quote',
    host: 'https://api.tradier.com',
    path: /\/v1\/markets\/quotes/,
    call: (o) => new TradierAdapter(http(), config).getQuote('SPY', o),
    emptyBody: { quotes: { unmatched_symbols: { symbol: 'SPY' } } },
    emptyKind: 'not_found',
  },
  {
    name: 'tradier bars',
    host: 'https://api.tradier.com',
    path: /\/v1\/markets\/history/,
    call: (o) => new TradierAdapter(http(), config).getBars({ symbol: 'SPY', interval: '1D', ...o }),
    emptyBody: { history: null },
    emptyKind: 'empty',
  },
  {
    name: 'tradier chain',
    host: 'https://api.tradier.com',
    path: /\/v1\/markets\/options\/chains/,
    call: (o) => new TradierAdapter(http(), config).getChain({ underlying: 'SPY', expiration: '2024-07-19', ...o }),
    emptyBody: { options: null },
    emptyKind: 'empty',
  },
  {
    name: 'polygon bars',
    host: 'https://api.polygon.io',
    path: /\/v2\/aggs\/ticker\/SPY\/range/,
    call: (o) => new PolygonAdapter(http(), config).getBars({ symbol: 'SPY', interval: '1m', ...o }),
    emptyBody: { status: 'OK', resultsCount: 0, ticker: 'SPY' },
    emptyKind: 'empty',
  },
  {
    name: 'polygon quote',
    host: 'https://api.polygon.io',
    path: /\/v3\/snapshot\/indices/,
    call: (o) => new PolygonAdapter(http(), config).getQuote('SPX', o),
    emptyBody: { status: 'OK', results: [] },
    emptyKind: 'not_found',
  },
  {
    name: 'polygon chain',
    host: 'https://api.polygon.io',
    path: /\/v3\/snapshot\/options\/SPY/,
    call: (o) => new PolygonAdapter(http(), config).getChain({ underlying: 'SPY', ...o }),
    emptyBody: { status: 'OK', results: [] },
    emptyKind: 'empty',
  },
  {
    name: 'finnhub sentiment',
    host: 'https://finnhub.io',
    path: /\/api\/v1\/news-sentiment/,
    call: (o) => new FinnhubAdapter(http(), config).getNewsSentiment('SPY', o),
    emptyBody: { symbol: '', buzz: {}, sentiment: {} },
    emptyKind: 'empty',
  },
  {
    name: 'finnhub earnings',
    host: 'https://finnhub.io',
    path: /\/api\/v1\/calendar\/earnings/,
    call: (o) => new FinnhubAdapter(http(), config).getEarningsCalendar('2024-07-01', '2024-07-15', { symbol: 'AAPL', ...o }),
    emptyBody: { earningsCalendar: [] },
    emptyKind: null,
  },
  {
    name: 'finnhub economic',
    host: 'https://finnhub.io',
    path: /\/api\/v1\/calendar\/economic/,
    call: (o) => new FinnhubAdapter(http(), config).getMacroEvents('2024-07-01', '2024-07-15', o),
    emptyBody: { economicCalendar: [] },
    emptyKind: null,
  },
  {
    name: 'finnhub news',
    host: 'https://finnhub.io',
    path: /\/api\/v1\/company-news/,
    call: (o) => new FinnhubAdapter(http(), config).getCompanyNews('AAPL', '2024-07-01', '2024-07-08', o),
    emptyBody: [],
    emptyKind: null,
  },
  {
    name: 'tradingeconomics calendar',
    host: 'https://api.tradingeconomics.com',
    path: /\/calendar\/country/,
    call: (o) => new TradingEconomicsAdapter(http(), config).getMacroEvents('2024-07-01', '2024-07-05', o),
    emptyBody: [],
    emptyKind: null,
  },
];

describe.each(cases)('$name under faults', (c) => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    nock.abortPendingRequests(); // the delayed replies' timers must not outlive the test
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());
  const id = c.name.split(' ')[0];

  it('times out within the bound', async () => {
    nock(c.host).get(c.path).query(true).delay(1000).reply(200, {});
    const t0 = Date.now();
    await expect(c.call({ timeoutMs: 100 })).rejects.toMatchObject({ provider: id, kind: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(900);
  });

  it("the caller's AbortSignal ends the call as a timeout", async () => {
    nock(c.host).get(c.path).query(true).delay(1000).reply(200, {});
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const err = await rejection(c.call({ signal: ctl.signal, timeoutMs: 5000 }));
    expect(err).toMatchObject({ provider: id, kind: 'timeout' });
    expect(err.message).toMatch(/aborted by the caller/);
  });

  it('429 with Retry-After → rate_limited with the delay', async () => {
    nock(c.host).get(c.path).query(true).reply(429, 'slow down', { 'Retry-After': '7' });
    await expect(c.call()).rejects.toMatchObject({ provider: id, kind: 'rate_limited', retryAfterMs: 7000 });
    nock(c.host)
      .get(c.path)
      .query(true)
      .reply(429, 'slow down', { 'Retry-After': new Date(Date.now() + 60_000).toUTCString() });
    const err = await rejection(c.call());
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBeGreaterThan(55_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('401 → unauthorized, 404 → not_found, 500 → upstream', async () => {
    nock(c.host).get(c.path).query(true).reply(401, 'bad key');
    await expect(c.call()).rejects.toMatchObject({ provider: id, kind: 'unauthorized' });
    nock(c.host).get(c.path).query(true).reply(404, 'no such symbol');
    await expect(c.call()).rejects.toMatchObject({ kind: 'not_found' });
    nock(c.host).get(c.path).query(true).reply(500, 'oops');
    await expect(c.call()).rejects.toMatchObject({ kind: 'upstream' });
    // (a dropped connection is tested against a real TCP peer in faults-dropped-connection.spec.ts:
    // nock's mock socket emitted its reset after the request had let go of it, an unhandled error)
  });

  it('malformed JSON and a body of the wrong shape → malformed, naming the problem', async () => {
    nock(c.host).get(c.path).query(true).reply(200, '{"truncated": ', { 'Content-Type': 'application/json' });
    await expect(c.call()).rejects.toMatchObject({ kind: 'malformed', message: expect.stringMatching(/not JSON/) });
    nock(c.host)
      .get(c.path)
      .query(true)
      .reply(200, { unexpected: [1, 2, 3] });
    const err = await rejection(c.call());
    expect(err).toMatchObject({ provider: id, kind: 'malformed' });
    expect(err.message).toMatch(/expected|invalid/i);
  });

  it('an empty result → its typed kind (never a crash)', async () => {
    nock(c.host)
      .get(c.path)
      .query(true)
      .reply(200, c.emptyBody as object);
    const out = await c.call().catch((e) => e);
    if (c.emptyKind) expect(out).toMatchObject({ provider: id, kind: c.emptyKind });
    else expect(out).toMatchObject({ data_source: id, ...('headlines' in (out as object) ? { headlines: [] } : { events: [] }) }); // a quiet week is an answer
  });
});

describe('pure HTTP rules', () => {
  it('maps statuses', () => {
    expect([200, 204, 401, 403, 404, 429, 500, 503, 400].map(statusToKind)).toEqual([null, null, 'unauthorized', 'unauthorized', 'not_found', 'rate_limited', 'upstream', 'upstream', 'malformed']);
  });
  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 23:59:00 GMT', now)).toBe(0); // a date in the past: retry now
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(['3'], now)).toBeUndefined();
  });
});
