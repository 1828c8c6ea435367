import request from 'supertest';
import WebSocket from 'ws';
import { createTestApp, TestApp } from '../support/test-app';
import { fillPath, listOperations, Operation, sampleBody } from './openapi-walk';

/**
 * Spec README §2: "No route without auth when BACKEND_API_KEY is set, except health, OpenAPI, /tv
 * static assets and /tv-api bars". The exceptions are listed here by hand so a route that turns
 * public by accident fails this test instead of silently joining the list.
 */
const KEY = 'acceptance-key-7f3a';
const NOW = Date.parse('2024-06-12T15:10:00Z'); // Wednesday 11:10 ET, regular session

/** Documented operations reachable without a token. The /tv viewer page is public and draws from the
 * UDF datafeed (config, symbols, time, bars) and its studies overlay, so those count as "/tv-api bars". */
const PUBLIC_OPERATIONS = new Set(['GET /health/live', 'GET /health/ready', 'GET /tv-api/config', 'GET /tv-api/symbols', 'GET /tv-api/time', 'GET /tv-api/bars', 'GET /tv-api/studies']);

/** Routes outside the document that must stay public (OpenAPI itself and the /tv static viewer). */
const PUBLIC_UNDOCUMENTED = ['/openapi.json', '/openapi.yaml', '/docs', '/tv'];

/** Routes outside the document that must still require the key. */
const PROTECTED_UNDOCUMENTED = ['/metrics'];

const PATH_VALUES = { plan_id: 'SPY-intraday-20240612-abcdef', symbol: 'SPY', version: '1' };

function call(t: TestApp, doc: unknown, o: Operation, token?: string) {
  const url = fillPath(o.path, PATH_VALUES);
  const query: Record<string, string> = {};
  for (const p of o.parameters) if (p.in === 'query' && p.required) query[p.name] = p.name === 'plan_id' ? PATH_VALUES.plan_id : 'SPY';
  let req = request(t.http)[o.method](url).query(query).timeout({ response: 20_000 });
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  // SSE streams never end: read the status line and stop.
  if (o.path.startsWith('/stream/'))
    req = req.buffer(false).parse((res, cb) => {
      (res as unknown as { destroy(): void }).destroy();
      cb(null, null);
    });
  return o.method === 'get' ? req : req.send(o.requestSchema ? sampleBody(doc, o.requestSchema) : {});
}

describe('auth matrix with BACKEND_API_KEY set', () => {
  let t: TestApp;
  let ops: Operation[];
  let doc: unknown;
  beforeAll(async () => {
    t = await createTestApp({ BACKEND_API_KEY: KEY }, { clockMs: NOW });
    doc = (await request(t.http).get('/openapi.json').expect(200)).body;
    ops = listOperations(doc);
  });
  afterAll(() => t.close());

  it('has operations to check', () => {
    expect(ops.length).toBeGreaterThan(PUBLIC_OPERATIONS.size);
  });

  it('answers 401 without a token on every documented operation except the public ones', async () => {
    const wrong: string[] = [];
    for (const o of ops) {
      const r = await call(t, doc, o);
      const expected = PUBLIC_OPERATIONS.has(o.label) ? 'public' : 401;
      if (expected === 401 && r.status !== 401) wrong.push(`${o.label}: ${r.status} without a token`);
      if (expected === 'public' && r.status === 401) wrong.push(`${o.label}: 401 but it is public`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 with a wrong token on every protected operation, with the JSON error shape', async () => {
    const wrong: string[] = [];
    for (const o of ops.filter((o) => !PUBLIC_OPERATIONS.has(o.label))) {
      const r = await call(t, doc, o, KEY + 'x');
      if (r.status !== 401) wrong.push(`${o.label}: ${r.status}`);
      else if (!o.path.startsWith('/stream/') && r.body?.error !== 'unauthorized') wrong.push(`${o.label}: body ${JSON.stringify(r.body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets the right token through every operation (no 401, never a 500)', async () => {
    const wrong: string[] = [];
    for (const o of ops) {
      const r = await call(t, doc, o, KEY);
      if (r.status === 401 || r.status >= 500) wrong.push(`${o.label}: ${r.status} ${JSON.stringify(r.body ?? '').slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps OpenAPI and the /tv viewer public', async () => {
    for (const p of PUBLIC_UNDOCUMENTED) {
      const r = await request(t.http).get(p).redirects(1);
      expect({ path: p, status: r.status }).toEqual({ path: p, status: 200 });
    }
  });

  it('protects the routes the document does not list (metrics)', async () => {
    for (const p of PROTECTED_UNDOCUMENTED) {
      const r = await request(t.http).get(p);
      expect({ path: p, status: r.status }).toEqual({ path: p, status: 401 });
    }
  });

  it('refuses a plan WebSocket without a token', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/ws/plans/${PATH_VALUES.plan_id}`);
    const outcome = await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve('still open after 5 s'), 5000);
      ws.on('close', (code) => {
        clearTimeout(timer);
        resolve(`closed ${code}`);
      });
      ws.on('unexpected-response', (_req, res) => {
        clearTimeout(timer);
        resolve(`http ${res.statusCode}`);
      });
      ws.on('error', () => undefined);
    });
    ws.terminate();
    // Either refused at the upgrade (HTTP 401) or closed with 4401 (the gateway's unauthorized code); never left open.
    expect(outcome).toMatch(/^(http 401|closed 4401)$/);
  });
});
