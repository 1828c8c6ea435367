/** The typed configuration every module injects with `@Inject(APP_CONFIG)`. Built once by loadConfig(). */
export const APP_CONFIG = Symbol('APP_CONFIG');

export type MarketProviderId = 'polygon' | 'yahoo' | 'tradier' | 'replay' | 'synthetic';
export type OptionsProviderId = 'tradier' | 'polygon' | 'yahoo' | 'synthetic';

export interface AppConfig {
  port: number;
  nodeEnv: 'development' | 'production' | 'test';
  /** Absolute path; the embedded store and default replay folder live here. */
  dataDir: string;
  /** Postgres URL from DATABASE_URL or DB_URL; undefined → embedded store in dataDir. */
  databaseUrl?: string;
  redisUrl?: string;
  auth: {
    /** True when BACKEND_API_KEY or BACKEND_API_KEYS is set. */
    enabled: boolean;
    /** API key → user id. BACKEND_API_KEY maps to "anonymous". */
    keys: ReadonlyMap<string, string>;
  };
  polygon: { apiKey?: string; baseUrl: string };
  yahoo: { enabled: boolean; baseUrl: string };
  tradier: { token?: string; baseUrl: string };
  finnhub: { apiKey?: string; baseUrl: string };
  tradingEconomics: { apiKey?: string; baseUrl: string };
  /** Enrichment (docs/enrichment.md): the embedded calendar without vendor keys, and the macro block window. */
  enrichment: { calendar: 'synthetic' | 'none'; blockMinutes: number };
  /** Ordered market-data provider ids (first answers first). */
  marketDataProviders: MarketProviderId[];
  /** Ordered options provider ids. */
  optionsProviders: OptionsProviderId[];
  /** Timeout of one provider call in ms. */
  providerTimeoutMs: number;
  replay: { dir: string; clock: 'live' | 'end'; speed: number };
  /** Origin without trailing slash, e.g. https://coach.example.com. */
  publicBaseUrl: string;
  corsOrigins: string[];
  flags: {
    chartCanonicalV1: boolean;
    layersEndpoint: boolean;
    optionsAlways: boolean;
    /** INDEX_SNIPER_MODE: SPY/QQQ plans also state their SPX/NDX-equivalent levels (index symbols are always in index mode). */
    indexSniperMode: boolean;
  };
  logLevel: string;
  bodyLimit: string;
  /** Interface the HTTP server binds (HOST; 127.0.0.1 by default, 0.0.0.0 in the Docker image). */
  host: string;
  /** Hardening limits (docs/security.md). */
  limits: {
    /** Deepest nesting of a JSON body (objects and arrays) before a 400. */
    bodyMaxDepth: number;
    /** Largest WebSocket message accepted, bytes. */
    wsMaxPayloadBytes: number;
    /** Node's server.requestTimeout / headersTimeout / keepAliveTimeout, ms. */
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    keepAliveTimeoutMs: number;
    /** server.maxConnections (sockets beyond it are refused). */
    maxConnections: number;
    /** How long SIGTERM waits for in-flight requests before closing them, ms. */
    shutdownGraceMs: number;
    /** Requests per client per window on public routes (0 = off). */
    ratePublicLimit: number;
    rateWindowMs: number;
    /** In-process provider cache bounds (entries, bytes). */
    providerCacheEntries: number;
    providerCacheBytes: number;
    /** Distinct symbols with a running stream poller at once. */
    streamMaxSymbols: number;
  };
  /** /metrics without a key even when auth is on (METRICS_PUBLIC=1). */
  metricsPublic: boolean;
  /** Measured odds: the background synthetic calibration and the cost model (docs/calibration.md). */
  calibration: {
    onStart: boolean;
    symbols: string[];
    /** Trading days of history replayed per symbol. */
    days: number;
    /** $ per share per side. */
    commissionPerShare: number;
    slippagePerShare: number;
  };
}
