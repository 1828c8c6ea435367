/**
 * The GET routes whose serialised responses are cached (docs/benchmarks.md, "Cached reads").
 * A route's TTL never exceeds the TTL of the data behind it; the handler can shorten it per request
 * (limitCacheAge: the context route passes the remaining life of its 30 s frame, so bytes never
 * outlive the frame they were built from). Every key includes the caller's scope, so one user's
 * bytes are never served to another.
 */
export interface CacheableRoute {
  /** Route template, the metrics label. */
  readonly route: string;
  readonly match: RegExp;
  readonly ttlMs: number;
  /** Reachable without a key (then rate-limited: hits are served after the throttler guard). */
  readonly isPublic: boolean;
  /** Only bodies this accepts are stored (e.g. not the first context answer, which says cached:false). */
  readonly storable?: (body: unknown) => boolean;
}

const cachedMeta = (body: unknown) => (body as { meta?: { cached?: unknown } } | null)?.meta?.cached === true;

export const CACHEABLE_ROUTES: readonly CacheableRoute[] = [
  // 30 s like the frame cache (spec §1); the first answer (meta.cached false) is not stored
  { route: '/gpt/context/:symbol', match: /^\/gpt\/context\/[^/]+$/, ttlMs: 30_000, isPublic: false, storable: cachedMeta },
  // the catalogue changes only when a calibration finishes; 10 s bounds how late that shows
  { route: '/gpt/playbooks', match: /^\/gpt\/playbooks\/?$/, ttlMs: 10_000, isPublic: false },
  // stored plan versions never change
  { route: '/idea/:plan_id/:version', match: /^\/idea\/[^/]+\/\d+$/, ttlMs: 60_000, isPublic: false },
  // bars are cached 30 s by the provider chain: 15 s here keeps the whole age under 45 s
  { route: '/tv-api/bars', match: /^\/tv-api\/bars$/, ttlMs: 15_000, isPublic: true },
  { route: '/tv-api/studies', match: /^\/tv-api\/studies$/, ttlMs: 15_000, isPublic: true },
  { route: '/tv-api/symbols', match: /^\/tv-api\/symbols$/, ttlMs: 300_000, isPublic: true },
  { route: '/tv-api/config', match: /^\/tv-api\/config$/, ttlMs: 300_000, isPublic: true },
];

/** The cacheable route a request path belongs to (path without the query string). */
export function cacheableRoute(path: string): CacheableRoute | undefined {
  for (const r of CACHEABLE_ROUTES) if (r.match.test(path)) return r;
  return undefined;
}

export const CACHE_AGE_HINT = Symbol('tc:cacheAgeHint');

/** Called by a handler: its answer must not be cached longer than maxAgeMs (≤ 0: not at all). */
export function limitCacheAge(req: object, maxAgeMs: number): void {
  const r = req as { [CACHE_AGE_HINT]?: number };
  r[CACHE_AGE_HINT] = Math.min(r[CACHE_AGE_HINT] ?? Infinity, maxAgeMs);
}

export function cacheAgeHint(req: object): number | undefined {
  return (req as { [CACHE_AGE_HINT]?: number })[CACHE_AGE_HINT];
}
