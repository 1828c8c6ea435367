import * as http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { IDEA_STORE, IdeaStoreApi } from '../../src/persistence/idea-store.types';
import { samplePlan } from '../support/sample-plan';
import { createTestApp, TestApp } from '../support/test-app';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw GET (no automatic decompression), so encodings and byte counts are what went on the wire. */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(base + path, { headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
      })
      .on('error', reject);
  });
}

const CONTEXT = '/gpt/context/SPY?interval=5m&lookback=50';
const alice = { Authorization: 'Bearer key-alice-1' };
const bob = { Authorization: 'Bearer key-bob-22' };

describe('cached GET responses with per-user keys', () => {
  let t: TestApp;
  let alicePlan: string;
  beforeAll(async () => {
    t = await createTestApp({ BACKEND_API_KEYS: 'key-alice-1:alice,key-bob-22:bob', RATE_LIMIT_PUBLIC: '4' }, { clockMs: Date.parse('2026-11-20T16:00:00Z') });
    alicePlan = (await t.app.get<IdeaStoreApi>(IDEA_STORE).save({ user_id: 'alice', symbol: 'AAPL', style: 'swing', payload: samplePlan({ symbol: 'AAPL', style: 'swing' }) })).plan_id;
  });
  afterAll(() => t.close());

  it('stores the answer once the frame is cached; hits say cached: true and carry a strong ETag', async () => {
    const first = await get(t.url, CONTEXT, alice);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body.toString()).meta.cached).toBe(false);
    expect(first.headers['x-cache']).toBe('miss');
    const second = await get(t.url, CONTEXT, alice);
    expect(second.headers['x-cache']).toBe('miss'); // the first cached:true body, stored now
    const third = await get(t.url, CONTEXT, alice);
    expect(third.headers['x-cache']).toBe('hit');
    expect(JSON.parse(third.body.toString()).meta.cached).toBe(true);
    expect(third.body.equals(second.body)).toBe(true);
    expect(third.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(third.headers.etag).toBe(second.headers.etag);
    expect(third.headers['cache-control']).toMatch(/^private, max-age=(29|30)$/);
    expect(third.headers.vary).toContain('Accept-Encoding');
    expect(third.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(third.headers['content-security-policy']).toContain("default-src 'self'");
    expect(third.headers['x-request-id']).toBeDefined();
  });

  it('answers 304 with no body for a matching If-None-Match, 200 for another tag', async () => {
    const hit = await get(t.url, CONTEXT, alice);
    const not = await get(t.url, CONTEXT, { ...alice, 'If-None-Match': hit.headers.etag! });
    expect(not.status).toBe(304);
    expect(not.body.length).toBe(0);
    expect((await get(t.url, CONTEXT, { ...alice, 'If-None-Match': '"something-else"' })).status).toBe(200);
  });

  it('compresses for clients that ask (gzip, br) and the bytes decode to the same body', async () => {
    const plain = await get(t.url, CONTEXT, alice);
    const gz = await get(t.url, CONTEXT, { ...alice, 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThan(plain.body.length / 3);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    const br = await get(t.url, CONTEXT, { ...alice, 'Accept-Encoding': 'gzip;q=0.5, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.headers.etag).not.toBe(plain.headers.etag); // a strong ETag per representation
    // the identity tag still validates a compressed variant
    expect((await get(t.url, CONTEXT, { ...alice, 'Accept-Encoding': 'br', 'If-None-Match': plain.headers.etag! })).status).toBe(304);
  });

  it('never compresses a tiny body', async () => {
    const r = await get(t.url, '/tv-api/config', { 'Accept-Encoding': 'gzip, br' });
    expect(r.status).toBe(200);
    expect(r.body.length).toBeLessThan(1024);
    expect(r.headers['content-encoding']).toBeUndefined();
  });

  it('never serves one user’s cached bytes to another user', async () => {
    const path = `/idea/${alicePlan}/1`;
    expect((await get(t.url, path, alice)).status).toBe(200);
    const hit = await get(t.url, path, alice);
    expect(hit.headers['x-cache']).toBe('hit');
    // bob asks for the very same URL: his own scope misses and the store says 404
    const asBob = await get(t.url, path, bob);
    expect(asBob.status).toBe(404);
    expect(JSON.parse(asBob.body.toString())).toMatchObject({ error: 'not_found' });
    expect(asBob.body.toString()).not.toContain('"plan"');
    expect(asBob.headers['x-cache']).toBeUndefined(); // errors are never cached
    // alice narrowed to a sub-scope is another scope too
    expect((await get(t.url, path, { ...alice, 'X-User-Id': 'ui-session' })).status).toBe(404);
    // and no key at all is still a 401, whatever is cached
    expect((await get(t.url, path)).status).toBe(401);
    expect((await get(t.url, path, { Authorization: 'Bearer wrong-key-000' })).status).toBe(401);
    // bob's context is his own entry (a miss), not alice's hit
    expect((await get(t.url, CONTEXT, bob)).headers['x-cache']).toBe('miss');
  });

  it('still rate-limits public routes on cache hits', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(t.url, '/tv-api/symbols?symbol=SPY', { 'X-Forwarded-For': '10.9.9.9' })).status);
    // a budget of 4 per client: the second request on is a cache hit, and still counted
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
