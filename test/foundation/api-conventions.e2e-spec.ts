import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';

describe('API conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers an unknown route with a JSON 404 and a request id', async () => {
    const r = await request(t.http).get('/no/such/route').expect(404);
    expect(r.body).toMatchObject({ error: 'not_found' });
    expect(r.body.request_id).toEqual(r.headers['x-request-id']);
  });

  it('turns a malformed JSON body into a 400 naming the body', async () => {
    const r = await request(t.http).post('/gpt/plan').set('Content-Type', 'application/json').send('{"symbol": "SPY",').expect(400);
    expect(r.body.error).toBe('validation_failed');
    expect(r.body.details).toEqual([expect.objectContaining({ field: 'body' })]);
  });

  it('names the field when a query parameter has the wrong type', async () => {
    const r = await request(t.http).get('/idea/SPY-intraday-20261124-abcdef?v=abc').expect(400);
    expect(r.body).toMatchObject({ error: 'validation_failed', details: expect.arrayContaining([expect.objectContaining({ field: 'v' })]) });
  });

  it('rejects a bad plan id with the field named', async () => {
    const r = await request(t.http)
      .get('/idea/' + encodeURIComponent('<script>'))
      .expect(400);
    expect(r.body.details[0].field).toBe('plan_id');
  });

  it('refuses an oversized body with 413 instead of reading it', async () => {
    const big = JSON.stringify({ symbol: 'x'.repeat(400_000) });
    const r = await request(t.http).post('/gpt/plan').set('Content-Type', 'application/json').send(big);
    expect(r.status).toBe(413);
    expect(r.body.error).toBe('payload_too_large');
  });

  it('sets security headers and echoes a sane X-Request-Id', async () => {
    const r = await request(t.http).get('/health/live').set('X-Request-Id', 'abc-123').expect(200);
    expect(r.headers['x-request-id']).toBe('abc-123');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-powered-by']).toBeUndefined();
  });

  it('allows the coach UI origin by CORS', async () => {
    const r = await request(t.http).options('/health/live').set('Origin', 'http://localhost:3000').set('Access-Control-Request-Method', 'GET');
    expect(r.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  it('serves a valid OpenAPI 3 document with an operationId on every operation and a server entry', async () => {
    const { body: doc } = await request(t.http).get('/openapi.json').expect(200);
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.servers).toEqual([{ url: expect.stringMatching(/^http:\/\/localhost:\d+$/) }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ops = Object.values<Record<string, { operationId?: string; summary?: string }>>(doc.paths).flatMap((p) => Object.values(p));
    expect(ops.length).toBeGreaterThan(3);
    const ids = ops.map((o) => o.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const o of ops) expect((o.summary ?? '').length).toBeLessThanOrEqual(300);
  });
});

describe('GET /api/v1/session', () => {
  it('reports the session on the service clock with ISO times and a banner', async () => {
    const t = await createTestApp();
    try {
      const r = await request(t.http).get('/api/v1/session').expect(200);
      expect(['pre', 'open', 'post', 'closed']).toContain(r.body.status);
      expect(r.body.tz).toBe('America/New_York');
      expect(Date.parse(r.body.next_open)).toBeGreaterThan(Date.parse(r.body.as_of));
      expect(r.body.banner).toMatch(/^Market /);
    } finally {
      await t.close();
    }
  });
});
