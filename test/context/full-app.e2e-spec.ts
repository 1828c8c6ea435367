/**
 * Wiring through the whole app (createTestApp: no keys → embedded synthetic/replay data, real
 * ProvidersModule chain services behind the data ports).
 */
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app';

describe('context and contracts routes in the full app (embedded data)', () => {
  let t: TestApp;
  // Pinned service clock: the 30 s context cache keys follow its minute (no wall-clock boundary flake).
  beforeAll(async () => (t = await createTestApp({}, { clockMs: Date.parse('2026-11-20T16:00:10Z') })));
  afterAll(async () => t?.close());

  it('GET /gpt/context/SPY answers with labelled data', async () => {
    const res = await request(t.http).get('/gpt/context/SPY?interval=5m&lookback=50');
    expect(res.status).toBe(200);
    expect(res.body.bars.length).toBeGreaterThan(0);
    expect(typeof res.body.data_source).toBe('string');
    expect(res.text.length).toBeLessThan(100_000);
  });

  it('POST /gpt/multi-context twice: second served from cache', async () => {
    const body = { symbol: 'SPY', intervals: ['5m', '1D'], lookback: 60 };
    const a = await request(t.http).post('/gpt/multi-context').send(body);
    expect(a.status).toBe(200);
    const b = await request(t.http).post('/gpt/multi-context').send(body);
    expect(b.status).toBe(200);
    expect(b.body.meta.cached).toBe(true);
    expect(b.body.volatility_regime).toHaveProperty('iv_rank_basis');
  });

  it('POST /gpt/contracts answers (synthetic chain) with the contract response keys', async () => {
    const res = await request(t.http).post('/gpt/contracts').send({ symbol: 'SPY', side: 'call', style: 'swing' });
    expect(res.status).toBe(200);
    for (const k of ['best', 'alternatives', 'table', 'rejections', 'relaxed_filters', 'relaxation_reasons', 'data_source', 'as_of']) expect(res.body).toHaveProperty(k);
  });
});
