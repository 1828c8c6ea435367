import type { HttpService } from '@nestjs/axios';
import { z } from 'zod';
import { ProviderError, ProviderErrorKind } from '../provider.errors';

/** HTTP status → what the chain should make of it (pure; unit-tested). */
export function statusToKind(status: number): ProviderErrorKind | null {
  if (status >= 200 && status < 300) return null;
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'upstream';
  return 'malformed'; // other 4xx: our request or their contract changed
}

/** Retry-After as delay-seconds or an HTTP date → ms from `nowMs`; undefined when absent/unparseable. */
export function parseRetryAfter(value: unknown, nowMs = Date.now()): number | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - nowMs) : undefined;
}

export interface GetJsonOptions {
  params?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** GET a JSON document; every failure becomes a typed ProviderError naming the provider. */
export async function getJson(http: HttpService, provider: string, url: string, o: GetJsonOptions): Promise<unknown> {
  // axios' own `timeout` is a socket-idle timer; a deadline signal bounds the whole call (a slow drip too)
  const ms = Number.isFinite(o.timeoutMs) && o.timeoutMs > 0 ? o.timeoutMs : 10_000;
  const deadline = AbortSignal.timeout(ms);
  const signal = o.signal ? AbortSignal.any([deadline, o.signal]) : deadline;
  let res;
  try {
    res = await http.axiosRef.get<string>(url, {
      params: o.params,
      headers: { Accept: 'application/json', ...o.headers },
      timeout: ms,
      signal,
      responseType: 'text',
      transformResponse: (x) => x,
      validateStatus: () => true,
      maxRedirects: 2,
    });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    // judge by our own signals: axios also reports some socket failures as "canceled" once a signal is attached
    if (o.signal?.aborted && !deadline.aborted) throw new ProviderError(provider, 'timeout', 'aborted by the caller');
    if (deadline.aborted || e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') {
      throw new ProviderError(provider, 'timeout', `no answer within ${ms} ms`);
    }
    throw new ProviderError(provider, 'upstream', `network error: ${e.message ?? 'unknown'}`);
  }
  const kind = statusToKind(res.status);
  if (kind) {
    throw new ProviderError(provider, kind, `HTTP ${res.status} from ${new URL(url).pathname}`, kind === 'rate_limited' ? parseRetryAfter(res.headers['retry-after']) : undefined);
  }
  try {
    return typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
  } catch {
    throw new ProviderError(provider, 'malformed', `body is not JSON (${String(res.data).slice(0, 60)})`);
  }
}

/** Validate a vendor body at the edge; a body that does not fit is `malformed`, naming the first problem. */
export function parseBody<T>(provider: string, schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ProviderError(provider, 'malformed', `${what}: ${issue.path.join('.') || '(root)'} ${issue.message}`);
}

/** A number or null (vendors send null, "", "NaN" for missing values). */
export const num = z.union([z.number(), z.null(), z.undefined(), z.string()]).transform((v) => {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
});

/** One element or an array of them (Tradier returns an object for one result, an array for several). */
export function oneOrMany<T extends z.ZodTypeAny>(item: T) {
  return z.union([z.array(item), item]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);
}
