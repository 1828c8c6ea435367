import { gunzipSync } from 'node:zlib';
import { etagMatches, pickEncoding, ResponseCache, strongEtag, variantEtag } from './response-cache';
import { cacheableRoute, cacheAgeHint, limitCacheAge } from './cacheable-routes';

function clocks() {
  const c = { wall: 1_000_000, market: 9_000_000 };
  return { c, cache: new ResponseCache({ wallNow: () => c.wall, marketNow: () => c.market, maxBytes: 64 * 1024 }) };
}
const body = (n: number, ch = 'a') => Buffer.from(JSON.stringify({ x: ch.repeat(n) }));

describe('ResponseCache', () => {
  it('serves an entry until its TTL on the wall clock, then drops it', () => {
    const { c, cache } = clocks();
    cache.set('k', body(10), 'application/json', 30_000);
    c.wall += 29_999;
    c.market += 29_999;
    expect(cache.get('k')?.body.toString()).toBe('{"x":"aaaaaaaaaa"}');
    expect(cache.remainingSeconds(cache.get('k')!)).toBe(0);
    c.wall += 1;
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('expires on the market clock too (replay) and when the market clock moves backwards', () => {
    const { c, cache } = clocks();
    cache.set('k', body(10), 'application/json', 30_000);
    c.market += 30_000;
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', body(10), 'application/json', 30_000);
    c.market -= 1;
    expect(cache.get('k')).toBeUndefined();
  });

  it('does not store with a TTL ≤ 0 but still returns the entry to send', () => {
    const { cache } = clocks();
    const e = cache.set('k', body(10), 'application/json', 0);
    expect(e.etag).toBe(strongEtag(body(10)));
    expect(cache.get('k')).toBeUndefined();
  });

  it('is bounded by bytes (LRU): old entries go when the budget is full', () => {
    const { cache } = clocks();
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, body(10_000), 'application/json', 30_000);
    expect(cache.size).toBeLessThanOrEqual(6); // 64 KB / ~10 KB
    expect(cache.get('k9')).toBeDefined();
    expect(cache.get('k0')).toBeUndefined();
  });

  it('compresses once per entry, leaves tiny bodies alone', () => {
    const { cache } = clocks();
    const e = cache.set('k', body(5000), 'application/json', 30_000);
    const gz = cache.encoded('k', e, 'gzip');
    expect(gz.encoding).toBe('gzip');
    expect(gunzipSync(gz.bytes).equals(e.body)).toBe(true);
    expect(cache.encoded('k', e, 'gzip').bytes).toBe(gz.bytes);
    const tiny = cache.set('t', body(10), 'application/json', 30_000);
    expect(cache.encoded('t', tiny, 'br')).toEqual({ bytes: tiny.body, encoding: 'identity' });
  });
});

describe('content negotiation and validators', () => {
  it('picks br over gzip on a tie, honours q values and q=0', () => {
    expect(pickEncoding(undefined)).toBe('identity');
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip;q=1, br;q=0.5')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('deflate')).toBe('identity');
    expect(pickEncoding('identity')).toBe('identity');
  });
  it('matches If-None-Match lists, weak forms, encoded variants and *', () => {
    const tag = '"abc"';
    expect(etagMatches('"abc"', tag)).toBe(true);
    expect(etagMatches('"x", W/"abc"', tag)).toBe(true);
    expect(etagMatches(variantEtag(tag, 'gzip'), tag)).toBe(true);
    expect(variantEtag(tag, 'br')).toBe('"abc-br"');
    expect(etagMatches('*', tag)).toBe(true);
    expect(etagMatches('"abcd"', tag)).toBe(false);
    expect(etagMatches(undefined, tag)).toBe(false);
  });
});

describe('cacheable routes', () => {
  it('lists the read routes and nothing that writes or changes under the same URL', () => {
    expect(cacheableRoute('/gpt/context/SPY')?.ttlMs).toBe(30_000);
    expect(cacheableRoute('/idea/SPY-intraday-20261124-abcdef/2')?.route).toBe('/idea/:plan_id/:version');
    expect(cacheableRoute('/idea/SPY-intraday-20261124-abcdef')).toBeUndefined(); // the latest version moves
    expect(cacheableRoute('/tv-api/bars')?.isPublic).toBe(true);
    expect(cacheableRoute('/tv-api/time')).toBeUndefined();
    expect(cacheableRoute('/gpt/plan')).toBeUndefined();
  });
  it('a handler can only shorten the TTL', () => {
    const req = {};
    expect(cacheAgeHint(req)).toBeUndefined();
    limitCacheAge(req, 20_000);
    limitCacheAge(req, 25_000);
    expect(cacheAgeHint(req)).toBe(20_000);
  });
});
