import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { listOperations } from './openapi-walk';

/**
 * Spec README §2: upstream failures are 502/503 with a `code`, never a 500 and never made-up bars.
 * The only configured vendor points at a closed loopback port (no network is touched), so every
 * provider call fails at once.
 */
const DEAD_VENDOR = {
  MARKET_DATA_PROVIDERS: 'polygon',
  POLYGON_API_KEY: 'acceptance-dummy-key',
  MARKETDATA_BASE_URL: 'http://127.0.0.1:9',
  PROVIDER_TIMEOUT_MS: '2000',
};

const CALLS: Array<{ operationId: string; method: 'get' | 'post'; url: string; body?: unknown }> = [
  { operationId: 'getContext', method: 'get', url: '/gpt/context/SPY?interval=5m' },
  { operationId: 'getPlan', method: 'post', url: '/gpt/plan', body: { symbol: 'SPY', style: 'intraday' } },
  { operationId: 'getMultiContext', method: 'post', url: '/gpt/multi-context', body: { symbol: 'SPY', intervals: ['5m', '1D'] } },
  { operationId: 'getContracts', method: 'post', url: '/gpt/contracts', body: { symbol: 'SPY', side: 'call' } },
];

describe('GPT-facing routes when the only data vendor is down', () => {
  let t: TestApp;
  let ids: Set<string | undefined>;
  beforeAll(async () => {
    t = await createTestApp(DEAD_VENDOR);
    ids = new Set(listOperations((await request(t.http).get('/openapi.json').expect(200)).body).map((o) => o.operationId));
  });
  afterAll(() => t.close());

  it('answers single-symbol data routes with 502/503 and an upstream_* code', async () => {
    const failures: string[] = [];
    const present = CALLS.filter((c) => ids.has(c.operationId));
    expect(present.length).toBeGreaterThan(0);
    for (const c of present) {
      const r =
        c.method === 'get'
          ? await request(t.http).get(c.url)
          : await request(t.http)
              .post(c.url)
              .send(c.body as object);
      if (![502, 503].includes(r.status) || !/^upstream_/.test(String(r.body?.error))) failures.push(`${c.operationId}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  it('never hides a failed scan: 502/503, or every symbol listed in errors[] with an upstream code', async () => {
    if (!ids.has('scanUniverse')) return expect(ids.has('scanUniverse')).toBe(false);
    const universe = ['SPY', 'QQQ', 'AAPL'];
    const r = await request(t.http).post('/gpt/scan').send({ universe, style: 'intraday' });
    if (r.status === 502 || r.status === 503) {
      expect(r.body.error).toMatch(/^upstream_/);
      return;
    }
    expect(r.status).toBe(200);
    expect(r.body.candidates).toEqual([]);
    const failed = (r.body.errors ?? []).filter((e: { code?: string }) => /^upstream_/.test(String(e.code))).map((e: { symbol: string }) => e.symbol);
    expect(failed.sort()).toEqual([...universe].sort());
  });
});
