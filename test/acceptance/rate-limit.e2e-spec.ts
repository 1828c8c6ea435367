/**
 * Public routes are rate-limited per client (RATE_LIMIT_PUBLIC per RATE_LIMIT_WINDOW_MS): the next
 * request gets 429 `rate_limited` with Retry-After; health probes and keyed routes are not limited.
 * With REDIS_URL the count is shared by every instance.
 */
import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { realPart } from '../support/real-parts';

const KEY = 'rate-limit-key-123';

describe('rate limit on public routes (in memory)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ RATE_LIMIT_PUBLIC: '5', RATE_LIMIT_WINDOW_MS: '60000', BACKEND_API_KEY: KEY })));
  afterAll(() => t.close());

  it('lets 5 public requests through per client, then answers 429 rate_limited with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await request(t.http).get('/tv-api/time')).status).toBe(200);
    const r = await request(t.http).get('/tv-api/config'); // the budget is per client, across public routes
    expect(r.status).toBe(429);
    expect(r.body).toMatchObject({ error: 'rate_limited' });
    expect(r.body.message).toMatch(/5 requests per 60 s/);
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('never limits health probes or keyed routes', async () => {
    for (let i = 0; i < 8; i++) expect((await request(t.http).get('/health/live')).status).toBe(200);
    for (let i = 0; i < 8; i++) expect((await request(t.http).get('/api/v1/session').set('Authorization', `Bearer ${KEY}`)).status).toBe(200);
  });
});

describe('rate limit off', () => {
  it('RATE_LIMIT_PUBLIC=0 disables it', async () => {
    const t = await createTestApp({ RATE_LIMIT_PUBLIC: '0' });
    try {
      for (let i = 0; i < 12; i++) expect((await request(t.http).get('/tv-api/time')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

const redisUrl = realPart('Redis', 'TEST_REDIS_URL', 'rate limit shared through Redis');
(redisUrl ? describe : describe.skip)('rate limit shared through Redis (TEST_REDIS_URL)', () => {
  it('two instances count one client together', async () => {
    const env = { REDIS_URL: redisUrl, RATE_LIMIT_PUBLIC: '6', RATE_LIMIT_WINDOW_MS: '60000' };
    // a client address of its own per run (trust proxy is loopback), so earlier runs' counters do not interfere
    const ip = `10.${process.pid % 250}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const a = await createTestApp(env);
    const b = await createTestApp(env);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await request(a.http).get('/tv-api/time').set('X-Forwarded-For', ip)).status);
      for (let i = 0; i < 4; i++) statuses.push((await request(b.http).get('/tv-api/time').set('X-Forwarded-For', ip)).status);
      // separate counters would let all 8 through (4 per instance)
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
