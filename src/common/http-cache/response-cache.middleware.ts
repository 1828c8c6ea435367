import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveCaller } from '../auth/api-keys';
import { MetricsService } from '../../modules/metrics/metrics.service';
import { cacheableRoute, cacheAgeHint, type CacheableRoute } from './cacheable-routes';
import { etagMatches, pickEncoding, variantEtag, type CachedResponse } from './response-cache';
import { ResponseCacheService } from './response-cache.service';

type Req = IncomingMessage & { originalUrl?: string; [DEFERRED]?: Deferred };
type Res = ServerResponse & { json?: (body: unknown) => unknown };

export const DEFERRED = Symbol('tc:responseCacheDeferred');
/** A hit on a rate-limited public route, served by the interceptor after the throttler guard. */
export interface Deferred {
  readonly entry: CachedResponse;
}
const HIT = Symbol('tc:responseCacheHit');
/** What the interceptor returns for a deferred hit; the res.json hook below sends its bytes. */
export const hitMarker = (d: Deferred) => ({ [HIT]: d });

const VARY = 'Accept-Encoding, Authorization, X-User-Id';

/**
 * Cached reads (issue 14). For a GET/HEAD of a cacheable route: a fresh entry for (caller scope,
 * URL) is sent as stored bytes — with its strong ETag, 304 on a matching If-None-Match, gzip or br
 * when the client asks (compressed once per entry) — without the guard/pipe/handler pipeline; a miss
 * runs the pipeline and the handler's JSON is serialised once, stored and sent the same way.
 * Runs after the request logger (hits are logged like any request). The caller scope is resolved
 * exactly as the AuthGuard does; a caller the guard would refuse always goes through the pipeline.
 */
@Injectable()
export class ResponseCacheMiddleware implements NestMiddleware {
  private readonly privateCc: boolean;
  private readonly timers = new Map<string, { observe(v: number): void }>();

  constructor(
    private readonly cache: ResponseCacheService,
    private readonly metrics: MetricsService,
  ) {
    this.privateCc = cache.config.auth.enabled;
  }

  use(req: Req, res: Res, next: () => void): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const url = req.originalUrl ?? req.url ?? '';
    const q = url.indexOf('?');
    const route = cacheableRoute(q < 0 ? url : url.slice(0, q));
    if (!route) return next();
    const caller = resolveCaller(this.cache.config.auth.keys, req.headers['authorization'], req.headers['x-user-id'] as string | undefined);
    // the guard answers a refused caller (401, or whatever a bad credential gets); only a public
    // route's caller without any key is the anonymous scope, as the guard has it
    if (!caller.ok && (!route.isPublic || caller.reason !== 'missing')) return next();
    const key = `${caller.ok ? caller.userId : 'anonymous'}\u0000${url}`;
    const entry = this.cache.get(key);
    if (entry) {
      if (route.isPublic && this.cache.config.limits.ratePublicLimit > 0) req[DEFERRED] = { entry };
      else {
        const t0 = performance.now();
        this.send(req, res, key, route, entry, 'hit');
        this.timer(route).observe((performance.now() - t0) / 1000);
        return;
      }
    }
    const json = res.json!.bind(res);
    res.json = (body: unknown) => {
      const hit = (body as { [HIT]?: Deferred } | null)?.[HIT];
      if (hit) return this.send(req, res, key, route, hit.entry, 'hit');
      if (res.statusCode !== 200 || body === undefined) return json(body);
      const bytes = Buffer.from(JSON.stringify(body));
      const hint = cacheAgeHint(req);
      const ttl = route.storable && !route.storable(body) ? 0 : Math.min(route.ttlMs, hint ?? Infinity);
      this.send(req, res, key, route, this.cache.set(key, bytes, 'application/json; charset=utf-8', ttl), 'miss');
      return res;
    };
    next();
  }

  private send(req: Req, res: Res, key: string, route: CacheableRoute, e: CachedResponse, state: 'hit' | 'miss'): void {
    const maxAge = this.cache.remainingSeconds(e);
    res.setHeader('Cache-Control', `${this.privateCc ? 'private' : 'public'}, max-age=${maxAge}`);
    res.setHeader('Vary', VARY);
    res.setHeader('X-Cache', state);
    const { bytes, encoding } = this.cache.encoded(key, e, pickEncoding(req.headers['accept-encoding']));
    res.setHeader('ETag', variantEtag(e.etag, encoding));
    if (etagMatches(req.headers['if-none-match'], e.etag)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', e.contentType);
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', bytes.length);
    if (req.method === 'HEAD') res.end();
    else res.end(bytes);
  }

  private timer(route: CacheableRoute) {
    let t = this.timers.get(route.route);
    if (!t) this.timers.set(route.route, (t = this.metrics.httpDuration.labels({ method: 'GET', route: route.route, status: '2xx' })));
    return t;
  }
}
