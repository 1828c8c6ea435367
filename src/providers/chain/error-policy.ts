import { ProviderError, ProviderErrorKind } from '../provider.errors';

/** How the chain treats an adapter failure (pure; unit-tested). */
export interface FailureDecision {
  kind: ProviderErrorKind;
  /** Counts against the provider's circuit breaker. */
  breakerFailure: boolean;
  /** The cause is unavailability (→ 503) rather than a bad answer (→ 502). */
  unavailable: boolean;
  /** Block the provider for this long (429 Retry-After). */
  retryAfterMs?: number;
}

const DEFAULT_RETRY_AFTER_MS = 15_000;

export function classifyFailure(err: unknown): FailureDecision {
  const kind: ProviderErrorKind = err instanceof ProviderError ? err.kind : 'upstream';
  switch (kind) {
    case 'not_found':
    case 'empty':
    case 'unsupported':
      return { kind, breakerFailure: false, unavailable: false };
    case 'rate_limited':
      return { kind, breakerFailure: true, unavailable: true, retryAfterMs: (err as ProviderError).retryAfterMs ?? DEFAULT_RETRY_AFTER_MS };
    case 'timeout':
      return { kind, breakerFailure: true, unavailable: true };
    case 'unauthorized':
      return { kind, breakerFailure: true, unavailable: true };
    case 'malformed':
    case 'upstream':
    default:
      return { kind, breakerFailure: true, unavailable: kind === 'upstream' && !(err instanceof ProviderError) };
  }
}
