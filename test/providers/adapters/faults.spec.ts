/**
 * Every adapter under upstream faults: a timeout (within the bound), 429 with Retry-After, 500,
 * malformed JSON, a body of the wrong shape, and an empty result → the right typed ProviderError.
 */
import nock from 'nock';
import { FinnhubAdapter, PolygonAdapter, TradierAdapter, TradingEconomicsAdapter, YahooAdapter, parseRetryAfter, statusToKind } from '../../../src/providers/adapters';
import { config, http } from './support';

interface Case {
  name: string;
  host: string;
  path: RegExp;
  call: (timeoutMs?: number) => Promise<unknown>;
  emptyBody: unknown;
}

const cases: Case[] = [
  { name: 'yahoo bars', host: 'https://query2.finance.yahoo.com', path: /\/v8\/finance\/chart\/SPY/, call: (t) => new YahooAdapter(http(), config).getBars({ symbol: 'SPY', interval: '5m', timeoutMs: t }), emptyBody: { chart: { result: [{ meta: { symbol: 'SPY' }, indicators: { quote: [{}] } }], error: null } } },
  { name: 'tradier quote', host: 'https://api.tradier.com', path: /\/v1\/markets\/quotes/, call: (t) => new TradierAdapter(http(), config).getQuote('SPY', { timeoutMs: t }), emptyBody: { quotes: { unmatched_symbols: { symbol: 'SPY' } } } },
  { name: 'tradier chain', host: 'https://api.tradier.com', path: /\/v1\/markets\/options\/chains/, call: (t) => new TradierAdapter(http(), config).getChain({ underlying: 'SPY', expiration: '2024-07-19', timeoutMs: t }), emptyBody: { options: null } },
  { name: 'polygon bars', host: 'https://api.polygon.io', path: /\/v2\/aggs\/ticker\/SPY\/range/, call: (t) => new PolygonAdapter(http(), config).getBars({ symbol: 'SPY', interval: '1m', timeoutMs: t }), emptyBody: { status: 'OK', resultsCount: 0, results: [] } },
  { name: 'polygon chain', host: 'https://api.polygon.io', path: /\/v3\/snapshot\/options\/SPY/, call: (t) => new PolygonAdapter(http(), config).getChain({ underlying: 'SPY', timeoutMs: t }), emptyBody: { status: 'OK', results: [] } },
  { name: 'finnhub sentiment', host: 'https://finnhub.io', path: /\/api\/v1\/news-sentiment/, call: (t) => new FinnhubAdapter(http(), config).getNewsSentiment('SPY', { timeoutMs: t }), emptyBody: { symbol: 'SPY', buzz: {}, sentiment: {} } },
  { name: 'tradingeconomics calendar', host: 'https://api.tradingeconomics.com', path: /\/calendar\/country/, call: (t) => new TradingEconomicsAdapter(http(), config).getMacroEvents('2024-07-01', '2024-07-05', { timeoutMs: t }), emptyBody: null },
];

describe.each(cases)('$name under faults', (c) => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());
  const id = c.name.split(' ')[0];

  it('times out within the bound', async () => {
    nock(c.host).get(c.path).query(true).delay(3000).reply(200, {});
    const t0 = Date.now();
    await expect(c.call(150)).rejects.toMatchObject({ provider: id, kind: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('429 with Retry-After → rate_limited with the delay', async () => {
    nock(c.host).get(c.path).query(true).reply(429, 'slow down', { 'Retry-After': '7' });
    await expect(c.call()).rejects.toMatchObject({ provider: id, kind: 'rate_limited', retryAfterMs: 7000 });
  });

  it('500 → upstream', async () => {
    nock(c.host).get(c.path).query(true).reply(500, 'oops');
    await expect(c.call()).rejects.toMatchObject({ kind: 'upstream' });
  });

  it('malformed JSON and a body of the wrong shape → malformed, naming the problem', async () => {
    nock(c.host).get(c.path).query(true).reply(200, '{"truncated": ', { 'Content-Type': 'application/json' });
    await expect(c.call()).rejects.toMatchObject({ kind: 'malformed' });
    nock(c.host).get(c.path).query(true).reply(200, { unexpected: [1, 2, 3] });
    const err: any = await c.call().catch((e) => e);
    expect(err.kind).toMatch(/malformed|empty|not_found/);
  });

  it('an empty result → empty or not_found (never a crash)', async () => {
    nock(c.host).get(c.path).query(true).reply(200, c.emptyBody as object);
    const out: any = await c.call().catch((e) => e);
    if (id === 'tradingeconomics') {
      // TE answers [] / null for a quiet week: a null body is malformed, an empty list is a valid empty calendar
      expect(out.kind ?? 'ok').toMatch(/malformed|ok/);
    } else {
      expect(out.kind).toMatch(/empty|not_found/);
    }
  });
});

describe('pure HTTP rules', () => {
  it('maps statuses', () => {
    expect([200, 204, 401, 403, 404, 429, 500, 503, 400].map(statusToKind)).toEqual([null, null, 'unauthorized', 'unauthorized', 'not_found', 'rate_limited', 'upstream', 'upstream', 'malformed']);
  });
  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
