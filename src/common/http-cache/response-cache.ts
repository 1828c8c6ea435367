import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';

/**
 * Serialised GET responses (bytes + strong ETag) kept for their route's TTL, bounded by entries and
 * bytes (LRU). Compressed variants are built once per entry, on the first request that asks for them.
 * Expiry is measured on the wall clock and the market clock (replay mode runs market time faster;
 * a 30 s context must not outlive 30 s of replayed bars), like the context TtlCache.
 */
export type Encoding = 'identity' | 'gzip' | 'br';

export interface CachedResponse {
  readonly body: Buffer;
  /** Strong validator of the identity bytes, quoted: "<base64url sha1>". */
  readonly etag: string;
  readonly contentType: string;
  readonly wallExpires: number;
  readonly marketExpires: number;
  readonly marketAt: number;
  gzip?: Buffer;
  br?: Buffer;
}

/** Bodies smaller than this are never compressed (the headers would cost more than they save). */
export const COMPRESS_MIN_BYTES = 1024;

export interface ResponseCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  wallNow?: () => number;
  marketNow?: () => number;
}

export function strongEtag(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

export class ResponseCache {
  private readonly lru: LRUCache<string, CachedResponse>;
  private readonly wallNow: () => number;
  private readonly marketNow: () => number;

  constructor(opts: ResponseCacheOptions = {}) {
    this.wallNow = opts.wallNow ?? Date.now;
    this.marketNow = opts.marketNow ?? Date.now;
    this.lru = new LRUCache<string, CachedResponse>({
      max: Math.max(1, opts.maxEntries ?? 2000),
      maxSize: Math.max(64 * 1024, opts.maxBytes ?? 32 * 1024 * 1024),
      // bytes are let go when their wall TTL passes, not when the key happens to be read again
      ttlAutopurge: true,
      sizeCalculation: (e) => e.body.length + (e.gzip?.length ?? 0) + (e.br?.length ?? 0) + 256,
    });
  }

  get size(): number {
    return this.lru.size;
  }

  /** The fresh entry for the key, or undefined (an expired entry is dropped). */
  get(key: string): CachedResponse | undefined {
    const e = this.lru.get(key);
    if (!e) return undefined;
    const market = this.marketNow();
    if (this.wallNow() < e.wallExpires && market < e.marketExpires && market >= e.marketAt) return e;
    this.lru.delete(key);
    return undefined;
  }

  /** Stores the bytes for ttlMs (≤ 0: not stored) and returns the entry either way. */
  set(key: string, body: Buffer, contentType: string, ttlMs: number): CachedResponse {
    const marketAt = this.marketNow();
    const e: CachedResponse = { body, etag: strongEtag(body), contentType, wallExpires: this.wallNow() + ttlMs, marketExpires: marketAt + ttlMs, marketAt };
    if (ttlMs > 0) this.lru.set(key, e, { ttl: ttlMs });
    return e;
  }

  /** Seconds the entry stays fresh (for Cache-Control max-age). */
  remainingSeconds(e: CachedResponse): number {
    return Math.max(0, Math.floor((e.wallExpires - this.wallNow()) / 1000));
  }

  /** The bytes in the given encoding, compressing once per entry (tiny bodies stay identity). */
  encoded(key: string, e: CachedResponse, enc: Encoding): { bytes: Buffer; encoding: Encoding } {
    if (enc === 'identity' || e.body.length < COMPRESS_MIN_BYTES) return { bytes: e.body, encoding: 'identity' };
    if (enc === 'gzip') e.gzip ??= gzipSync(e.body, { level: 6 });
    else e.br ??= brotliCompressSync(e.body, { params: { [zc.BROTLI_PARAM_QUALITY]: 5, [zc.BROTLI_PARAM_SIZE_HINT]: e.body.length } });
    // re-set so the LRU's size accounting includes the new variant
    if (this.lru.peek(key) === e) this.lru.set(key, e, { noUpdateTTL: true });
    return { bytes: enc === 'gzip' ? e.gzip! : e.br!, encoding: enc };
  }

  clear(): void {
    this.lru.clear();
  }
}

/** br > gzip > identity from an Accept-Encoding header (q=0 refuses; no header: identity). */
export function pickEncoding(accept: string | undefined): Encoding {
  if (!accept) return 'identity';
  let best: Encoding = 'identity';
  let bestQ = 0;
  for (const part of accept.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    let q = 1;
    for (const p of params) {
      const m = /^\s*q=([0-9.]+)\s*$/.exec(p);
      if (m) q = Number(m[1]);
    }
    if (!(q > 0)) continue;
    const enc: Encoding | undefined = name === 'br' ? 'br' : name === 'gzip' || name === 'x-gzip' ? 'gzip' : name === '*' ? 'gzip' : undefined;
    if (!enc) continue;
    // prefer higher q; on a tie prefer br
    if (q > bestQ || (q === bestQ && enc === 'br')) {
      best = enc;
      bestQ = q;
    }
  }
  return best;
}

/** True when an If-None-Match header matches the entry's ETag (any encoding variant, or *). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const base = etag.slice(1, -1);
  for (const raw of ifNoneMatch.split(',')) {
    let t = raw.trim();
    if (t.startsWith('W/')) t = t.slice(2); // weak comparison (RFC 9110 §13.1.2)
    t = t.replace(/^"|"$/g, '');
    if (t === base || t === `${base}-gzip` || t === `${base}-br`) return true;
  }
  return false;
}

/** The ETag sent with an encoded variant: strong validators differ per representation. */
export function variantEtag(etag: string, enc: Encoding): string {
  return enc === 'identity' ? etag : `${etag.slice(0, -1)}-${enc}"`;
}
