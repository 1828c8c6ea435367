import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsService } from '../modules/metrics/metrics.service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Express and Node middleware signatures meet here
type Mw = (req: any, res: any, next: (err?: unknown) => void) => void;

/**
 * Helmet's headers are the same for every request (no nonces): run the middleware once against a
 * recording response and replay the captured headers with one loop per request, instead of a chain
 * of 13 middlewares each setting one header. Throws if the middleware turns out to depend on the
 * request (calls next asynchronously or with an error), so a future helmet option cannot silently break.
 */
export function precomputedHeaders(mw: Mw): Mw {
  const headers: Array<[string, string | string[]]> = [];
  const removed: string[] = [];
  let sync = false;
  const fake = {
    setHeader: (k: string, v: string | string[]) => void headers.push([k, v]),
    removeHeader: (k: string) => void removed.push(k),
    getHeader: () => undefined,
  };
  mw({ method: 'GET', url: '/', headers: {} }, fake, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error('precomputedHeaders: the middleware failed');
    sync = true;
  });
  if (!sync) throw new Error('precomputedHeaders: the middleware did not call next synchronously');
  return (_req, res: ServerResponse, next) => {
    for (let i = 0; i < headers.length; i++) res.setHeader(headers[i][0], headers[i][1]);
    for (let i = 0; i < removed.length; i++) res.removeHeader(removed[i]);
    next();
  };
}

/**
 * GET /health/live answered before the router, the logger and the guards: a liveness probe must stay
 * cheap and fast under load (the HealthController route documents it and answers the same body when
 * this lane is not installed, e.g. in module tests).
 */
export function liveProbe(metrics?: MetricsService): Mw {
  const timer = metrics?.httpDuration.labels({ method: 'GET', route: '/health/live', status: '2xx' });
  return (req: IncomingMessage, res: ServerResponse, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.url !== '/health/live' && !req.url?.startsWith('/health/live?'))) return next();
    const t0 = performance.now();
    const body = `{"status":"ok","uptime_s":${Math.round(process.uptime())}}`;
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(req.method === 'HEAD' ? undefined : body);
    timer?.observe((performance.now() - t0) / 1000);
  };
}
