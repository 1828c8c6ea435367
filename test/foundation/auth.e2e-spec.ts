import { samplePlan } from '../support/sample-plan';
import request from 'supertest';
import { IDEA_STORE, IdeaStoreApi } from '../../src/persistence/idea-store.types';
import { createTestApp, TestApp } from '../support/test-app';

describe('Bearer auth with a single key (BACKEND_API_KEY)', () => {
  let t: TestApp;
  let planId: string;
  beforeAll(async () => {
    t = await createTestApp({ BACKEND_API_KEY: 'single-key-123' });
    planId = (await t.app.get<IdeaStoreApi>(IDEA_STORE).save({ user_id: 'anonymous', symbol: 'SPY', style: 'scalp', payload: samplePlan({ style: 'scalp' }) })).plan_id;
  });
  afterAll(() => t.close());

  it('refuses a request without a token (401, JSON)', async () => {
    const r = await request(t.http).get(`/idea/${planId}`).expect(401);
    expect(r.body).toMatchObject({ error: 'unauthorized', message: 'Missing bearer token' });
  });
  it('refuses a wrong token and a malformed header', async () => {
    await request(t.http).get(`/idea/${planId}`).set('Authorization', 'Bearer single-key-124').expect(401);
    await request(t.http).get(`/idea/${planId}`).set('Authorization', 'single-key-123').expect(401);
  });
  it('accepts the right token', async () => {
    await request(t.http).get(`/idea/${planId}`).set('Authorization', 'Bearer single-key-123').expect(200);
  });
  it('keeps health and the OpenAPI document public', async () => {
    await request(t.http).get('/health/live').expect(200);
    await request(t.http).get('/health/ready').expect(200);
    const doc = await request(t.http).get('/openapi.json').expect(200);
    expect(doc.body.security).toEqual([{ bearer: [] }]);
  });
  it('protects unknown /gpt and /api routes too (never reveals them unauthenticated)', async () => {
    const r = await request(t.http).get('/api/v1/gpt/chart-layers?plan_id=' + planId);
    expect(r.status).toBe(401);
  });
});

describe('per-user keys (BACKEND_API_KEYS=ka:alice,kb:bob)', () => {
  let t: TestApp;
  let alicePlan: string;
  beforeAll(async () => {
    t = await createTestApp({ BACKEND_API_KEYS: 'key-alice-1:alice,key-bob-22:bob' });
    alicePlan = (await t.app.get<IdeaStoreApi>(IDEA_STORE).save({ user_id: 'alice', symbol: 'AAPL', style: 'swing', payload: samplePlan({ symbol: 'AAPL', style: 'swing' }) })).plan_id;
  });
  afterAll(() => t.close());

  it('alice reads her own idea', async () => {
    const r = await request(t.http).get(`/idea/${alicePlan}`).set('Authorization', 'Bearer key-alice-1').expect(200);
    expect(r.body.plan.symbol).toBe('AAPL');
  });
  it('bob cannot read alice’s idea: 404, not 403', async () => {
    const r = await request(t.http).get(`/idea/${alicePlan}`).set('Authorization', 'Bearer key-bob-22').expect(404);
    expect(r.body.error).toBe('not_found');
  });
  it('bob cannot become alice with X-User-Id', async () => {
    await request(t.http).get(`/idea/${alicePlan}`).set('Authorization', 'Bearer key-bob-22').set('X-User-Id', 'alice').expect(404);
  });
  it('X-User-Id narrows alice to a sub-scope that does not see her top-level ideas', async () => {
    await request(t.http).get(`/idea/${alicePlan}`).set('Authorization', 'Bearer key-alice-1').set('X-User-Id', 'ui-session').expect(404);
    await request(t.http).get(`/idea/${alicePlan}`).set('Authorization', 'Bearer key-alice-1').set('X-User-Id', 'alice').expect(200);
  });
});
