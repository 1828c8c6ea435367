/**
 * Provider capability interfaces. Feature modules never talk to a vendor: they inject the chain
 * services (MarketDataService, OptionsDataService, EnrichmentService) which order the adapters
 * registered under the tokens below, fall back, cache and flag staleness.
 */
import type { Bar } from '../core/bars/bar';
import type { Interval } from '../core/bars/interval';

/** Where a number came from. Every provider result carries it. */
export interface Provenance {
  /** Vendor id: polygon | yahoo | tradier | finnhub | tradingeconomics | replay | synthetic. */
  data_source: string;
  /** ISO-8601 UTC time the data describes (last bar start / quote time / snapshot time). */
  as_of: string;
  /** True when served from the last good cache entry after every provider failed. */
  stale: boolean;
}

export interface CallOptions {
  /** Hard limit for this call in ms; the adapter aborts the HTTP request when it passes. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface BarsRequest extends CallOptions {
  symbol: string;
  interval: Interval;
  /** Inclusive range start, UTC ms. When absent the provider picks a window ending now. */
  from?: number;
  /** Inclusive range end, UTC ms (defaults to now). */
  to?: number;
  /** Return at most this many bars (the most recent ones). */
  limit?: number;
  /** Include pre/post-market bars for intraday intervals (default true). */
  extendedHours?: boolean;
}

export interface BarsResult extends Provenance {
  symbol: string;
  interval: Interval;
  /** Oldest first, bar start times strictly increasing. Never fabricated: missing data is absent. */
  bars: Bar[];
  /**
   * Vendor adapters: seconds from the end of the last bar (daily: its session close) to the request's
   * end (now at most); `stale` is then also true when that age is older than the session clock allows.
   */
  age_s?: number;
  /** Vendor bars whose high/low were repaired to contain open and close. */
  repaired?: number;
  /** Vendor bars dropped as impossible (non-finite, price ≤ 0, before 1990, in the future). */
  rejected?: number;
  /** What was rejected or repaired, in words. */
  warnings?: string[];
}

export interface Quote extends Provenance {
  symbol: string;
  last: number;
  bid?: number;
  ask?: number;
  /** Quote time, UTC ms. */
  time: number;
  prev_close?: number;
}

export type MarketSessionStatus = 'pre' | 'open' | 'post' | 'closed';

export interface MarketClock extends Provenance {
  status: MarketSessionStatus;
  /** Current time as the provider sees it (replay clock time for the embedded default), ISO UTC. */
  now: string;
  next_open?: string;
  next_close?: string;
}

export interface MarketDataProvider {
  readonly id: string;
  /** Symbol used by readiness probes. */
  readonly testSymbol: string;
  getBars(req: BarsRequest): Promise<BarsResult>;
  getQuote(symbol: string, opts?: CallOptions): Promise<Quote>;
  getClock?(opts?: CallOptions): Promise<MarketClock>;
}

export type OptionRight = 'call' | 'put';

export interface OptionContract {
  /** OCC symbol, e.g. SPY251219P00450000. */
  symbol: string;
  underlying: string;
  /** YYYY-MM-DD. */
  expiration: string;
  type: OptionRight;
  strike: number;
  bid: number | null;
  ask: number | null;
  last?: number | null;
  volume: number | null;
  open_interest: number | null;
  /** Implied volatility as a fraction (0.25 = 25 %). */
  iv?: number | null;
  /** Greeks per share: delta, gamma (per $1), theta (per calendar day), vega and rho (per 1 vol/rate point). */
  delta?: number | null;
  gamma?: number | null;
  theta?: number | null;
  vega?: number | null;
  rho?: number | null;
  /** 'vendor' when the vendor supplied the greeks, 'computed' when the quant core derived them. */
  greeks_source?: 'vendor' | 'computed' | null;
}

export interface ExpirationsResult extends Provenance {
  underlying: string;
  expirations: string[];
}

export interface ChainRequest extends CallOptions {
  underlying: string;
  /** One expiration (YYYY-MM-DD); all near ones when absent (provider-dependent). */
  expiration?: string;
}

export interface OptionChain extends Provenance {
  underlying: string;
  underlying_price: number | null;
  contracts: OptionContract[];
}

export interface OptionsProvider {
  readonly id: string;
  readonly testSymbol: string;
  getExpirations(underlying: string, opts?: CallOptions): Promise<ExpirationsResult>;
  getChain(req: ChainRequest): Promise<OptionChain>;
}

export interface NewsSentiment extends Provenance {
  symbol: string;
  /** -1..1, bearish to bullish. */
  score: number | null;
  buzz?: number | null;
  articles_in_last_week?: number | null;
  /** Shares as the vendor states them (Finnhub: 0–1). */
  bullish_percent?: number | null;
  bearish_percent?: number | null;
  sector_average_bullish_percent?: number | null;
  sector_average_news_score?: number | null;
}

/** One headline: third-party text, untrusted, length-limited by the adapter. */
export interface NewsHeadline {
  headline: string;
  /** The publisher as the vendor names it. */
  publisher: string | null;
  /** ISO UTC. */
  published_at: string;
  url: string | null;
}

export interface CompanyNews extends Provenance {
  symbol: string;
  headlines: NewsHeadline[];
}

export interface EarningsEvent {
  symbol: string;
  date: string;
  hour?: string | null;
  eps_estimate?: number | null;
  eps_actual?: number | null;
  revenue_estimate?: number | null;
}

export interface EarningsCalendar extends Provenance {
  events: EarningsEvent[];
}

export interface MacroEvent {
  time: string;
  country: string;
  event: string;
  importance: 'low' | 'medium' | 'high';
  /** Consensus / forecast, previous and actual as the vendor states them (unit in `unit`). */
  consensus?: number | null;
  previous?: number | null;
  actual?: number | null;
  unit?: string | null;
}

export interface MacroCalendar extends Provenance {
  events: MacroEvent[];
}

export interface EnrichmentProvider {
  readonly id: string;
  getNewsSentiment?(symbol: string, opts?: CallOptions): Promise<NewsSentiment>;
  getEarningsCalendar?(from: string, to: string, opts?: CallOptions & { symbol?: string }): Promise<EarningsCalendar>;
  getMacroEvents?(from: string, to: string, opts?: CallOptions): Promise<MacroCalendar>;
  getCompanyNews?(symbol: string, from: string, to: string, opts?: CallOptions): Promise<CompanyNews>;
}

/** Injection tokens: every implementation is registered in an array under its capability's token. */
export const MARKET_DATA_PROVIDERS = Symbol('MARKET_DATA_PROVIDERS');
export const OPTIONS_PROVIDERS = Symbol('OPTIONS_PROVIDERS');
export const ENRICHMENT_PROVIDERS = Symbol('ENRICHMENT_PROVIDERS');
/** The service clock (`Clock`); the embedded default binds it to the replay clock. */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  /** Current time in UTC ms as the market data sees it. */
  now(): number;
}
