/**
 * The data this feature needs, as method shapes of the provider chain services
 * (src/providers/chain: MarketDataService, OptionsDataService). Injected under these tokens so the
 * services can be unit-tested with fakes; DataPortsModule binds them to the chain services.
 */
import type { BarsRequest, BarsResult, ExpirationsResult, OptionChain, Quote } from '../../providers/provider.types';

/** A bars request without the per-call transport options (timeout, abort signal) the chain adds. */
export type BarsQuery = Omit<BarsRequest, 'timeoutMs' | 'signal'>;

export interface MarketDataPort {
  getBars(q: BarsQuery): Promise<BarsResult & { cached?: boolean }>;
  getQuote(symbol: string): Promise<Quote>;
}

export interface OptionsDataPort {
  getExpirations(underlying: string): Promise<ExpirationsResult>;
  getChain(req: { underlying: string; expiration?: string }): Promise<OptionChain>;
}

export const MARKET_DATA_PORT = Symbol('MARKET_DATA_PORT');
export const OPTIONS_DATA_PORT = Symbol('OPTIONS_DATA_PORT');
