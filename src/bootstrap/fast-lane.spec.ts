import helmet from 'helmet';
import { liveProbe, precomputedHeaders } from './fast-lane';

/** A response that records what middleware does to it. */
function recorder() {
  const headers = new Map<string, unknown>([['x-powered-by', 'Express']]);
  let ended: unknown;
  const res = {
    statusCode: 0,
    setHeader: (k: string, v: unknown) => void headers.set(k.toLowerCase(), v),
    removeHeader: (k: string) => void headers.delete(k.toLowerCase()),
    getHeader: (k: string) => headers.get(k.toLowerCase()),
    end: (b?: unknown) => void (ended = b ?? ''),
  };
  return { res, headers, body: () => ended };
}

describe('precomputedHeaders', () => {
  it('sets exactly the headers helmet sets (and removes X-Powered-By), then calls next', () => {
    const mw = helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], connectSrc: ["'self'", 'ws:'] } } });
    const a = recorder();
    mw({ method: 'GET', url: '/x', headers: {} } as never, a.res as never, () => undefined);
    const b = recorder();
    let nexted = false;
    precomputedHeaders(mw as never)({ method: 'POST', url: '/other', headers: {} }, b.res, () => (nexted = true));
    expect(nexted).toBe(true);
    expect([...b.headers].sort()).toEqual([...a.headers].sort());
    expect(b.headers.has('x-powered-by')).toBe(false);
    expect(b.headers.get('content-security-policy')).toContain("connect-src 'self' ws:");
  });
  it('refuses a middleware that does not call next synchronously', () => {
    expect(() => precomputedHeaders(() => undefined)).toThrow(/synchronously/);
  });
});

describe('liveProbe', () => {
  it('answers GET /health/live itself and passes everything else on', () => {
    const probe = liveProbe();
    const r = recorder();
    let nexted = 0;
    probe({ method: 'GET', url: '/health/live', headers: {} }, r.res, () => nexted++);
    expect(nexted).toBe(0);
    expect(r.res.statusCode).toBe(200);
    expect(JSON.parse(String(r.body()))).toEqual({ status: 'ok', uptime_s: expect.any(Number) });
    for (const [method, url] of [
      ['GET', '/health/ready'],
      ['POST', '/health/live'],
      ['GET', '/health/lively'],
    ])
      probe({ method, url, headers: {} }, recorder().res, () => nexted++);
    expect(nexted).toBe(3);
  });
});
