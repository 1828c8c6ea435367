/**
 * What an adapter throws. The chain service decides from `kind` whether to fall back, count a
 * failure against the circuit breaker, or honour a Retry-After.
 */
export type ProviderErrorKind =
  | 'timeout' // no answer within the call's timeout
  | 'rate_limited' // HTTP 429; retryAfterMs from Retry-After when given
  | 'upstream' // 5xx or network failure
  | 'malformed' // body did not match the expected schema
  | 'not_found' // the vendor does not know the symbol / contract (not a provider fault)
  | 'empty' // a valid answer with no data (weekend, holiday, illiquid)
  | 'unauthorized' // 401/403: key missing or wrong
  | 'unsupported'; // this provider cannot serve the request (e.g. an interval it lacks)

export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly kind: ProviderErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${provider}: ${message}`);
    this.name = 'ProviderError';
  }
}
