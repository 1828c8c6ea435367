/** TTLs (ms) from the spec: bars 30 s, quotes and chains 15 s; expirations 15 min; enrichment 300 s (reference §6.5). */
export const TTL = {
  bars: 30_000,
  quote: 15_000,
  clock: 15_000,
  chain: 15_000,
  expirations: 15 * 60_000,
  enrichment: 5 * 60_000,
} as const;

/** The runner options token (timeouts, cache, breaker) shared by the chain services. */
export const CHAIN_RUNNER_OPTIONS = Symbol('CHAIN_RUNNER_OPTIONS');
