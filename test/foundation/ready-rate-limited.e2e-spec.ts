/**
 * /health/ready with a fake vendor that answers 429 (fault injection, like test/providers/adapters/faults.spec.ts):
 * the vendor is shown `degraded` with its retry time; readiness stays 200 while the embedded
 * provider answers (the return to `ok` after the Retry-After is in test/providers/chain/chain-runner.spec.ts).
 */
import nock from 'nock';
import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';

const POLYGON = 'https://api.polygon.io';

describe('/health/ready with a rate-limited vendor', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ POLYGON_API_KEY: 'pk-test', MARKET_DATA_PROVIDERS: 'polygon,synthetic', OPTIONS_PROVIDERS: 'synthetic' });
  });
  afterAll(async () => {
    nock.cleanAll();
    await t.close();
  });

  it('shows polygon degraded with its Retry-After, not healthy, while synthetic answers', async () => {
    const before = await request(t.http).get('/health/ready').expect(200);
    const polygonBefore = before.body.details.providers.capabilities.find((c: { capability: string }) => c.capability === 'market_data').providers[0];
    expect(polygonBefore).toMatchObject({ id: 'polygon', status: 'ok', retry_at: null });
    expect(before.body.details.providers.health).toBe('ok');

    const scope = nock(POLYGON)
      .get(/\/v2\/aggs\/ticker\/SPY\/range\//)
      .query(true)
      .reply(429, { status: 'ERROR', error: 'slow down' }, { 'Retry-After': '120' });
    const t0 = Date.now();
    const ctx = await request(t.http).get('/gpt/context/SPY?interval=5m&lookback=20').expect(200);
    expect(scope.isDone()).toBe(true);
    expect(ctx.body.data_source).toBe('synthetic');

    const ready = await request(t.http).get('/health/ready').expect(200);
    const providers = ready.body.details.providers;
    expect(providers.status).toBe('up');
    expect(providers.health).toBe('degraded');
    const polygon = providers.capabilities.find((c: { capability: string }) => c.capability === 'market_data').providers[0];
    expect(polygon).toMatchObject({ id: 'polygon', status: 'degraded', state: 'closed' });
    expect(polygon.last_error).toMatch(/rate_limited/);
    const retryAt = Date.parse(polygon.retry_at);
    expect(retryAt).toBeGreaterThanOrEqual(t0 + 119_000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 120_000);
    expect(polygon.retry_after_s).toBeGreaterThan(115);
    expect(polygon.retry_after_s).toBeLessThanOrEqual(120);
    expect(providers.degraded).toEqual([
      { capability: 'market_data', provider: 'polygon', reason: 'rate_limited', retry_at: polygon.retry_at, retry_after_s: polygon.retry_after_s, last_error: polygon.last_error },
    ]);
    // the synthetic provider beside it is fine
    expect(providers.capabilities.find((c: { capability: string }) => c.capability === 'market_data').providers[1]).toMatchObject({ id: 'synthetic', status: 'ok' });
  });
});
