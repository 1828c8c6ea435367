import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import * as path from 'node:path';
import { AppConfig, MarketProviderId, OptionsProviderId } from './app-config';
import { EnvSchema } from './env.schema';

/** Thrown at boot; the message names every bad variable and what it allows. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const flag = (v: string | undefined, dflt: boolean) => (v === undefined ? dflt : /^(1|true|yes|on)$/i.test(v));
const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function describe(errors: ValidationError[]): string[] {
  return errors.map((e) => {
    const shown = e.value === undefined ? '' : ` (got ${JSON.stringify(String(e.value).slice(0, 40))})`;
    return `${e.property}${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
  });
}

function parseKeys(single?: string, pairs?: string): Map<string, string> {
  const keys = new Map<string, string>();
  if (single) keys.set(single, 'anonymous');
  for (const pair of list(pairs)) {
    const i = pair.lastIndexOf(':');
    keys.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return keys;
}

/** Validate the environment and build the typed config. Pure: pass any env object. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const raw = plainToInstance(EnvSchema, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(raw, { whitelist: true, forbidUnknownValues: false });
  const problems = describe(errors);
  if (problems.length) throw new ConfigError(problems);

  const e = raw;
  const port = e.PORT ?? 8000;
  const dataDir = path.resolve(cwd, e.DATA_DIR ?? './data');
  const polygonKey = e.POLYGON_API_KEY ?? e.MASSIVE_API_KEY;
  const tradierToken = e.TRADIER_API_TOKEN ?? e.TRADIER_SANDBOX_TOKEN;
  const yahooEnabled = flag(e.YAHOO_ENABLED, false);

  const defaultMarket: MarketProviderId[] = [];
  if (polygonKey) defaultMarket.push('polygon');
  if (tradierToken) defaultMarket.push('tradier');
  if (yahooEnabled) defaultMarket.push('yahoo');
  if (defaultMarket.length === 0) defaultMarket.push('replay', 'synthetic');
  const marketDataProviders = e.MARKET_DATA_PROVIDERS ? (list(e.MARKET_DATA_PROVIDERS.toLowerCase()) as MarketProviderId[]) : defaultMarket;

  const defaultOptions: OptionsProviderId[] = [];
  if (tradierToken) defaultOptions.push('tradier');
  if (polygonKey) defaultOptions.push('polygon');
  if (defaultOptions.length === 0) defaultOptions.push('synthetic');
  const optionsProviders = e.OPTIONS_PROVIDERS ? (list(e.OPTIONS_PROVIDERS.toLowerCase()) as OptionsProviderId[]) : defaultOptions;

  const keys = parseKeys(e.BACKEND_API_KEY, e.BACKEND_API_KEYS);
  return {
    port,
    nodeEnv: (e.NODE_ENV as AppConfig['nodeEnv']) ?? 'development',
    dataDir,
    databaseUrl: e.DATABASE_URL ?? e.DB_URL,
    redisUrl: e.REDIS_URL,
    auth: { enabled: keys.size > 0, keys },
    polygon: { apiKey: polygonKey, baseUrl: (e.MARKETDATA_BASE_URL ?? 'https://api.polygon.io').replace(/\/+$/, '') },
    yahoo: { enabled: yahooEnabled, baseUrl: 'https://query2.finance.yahoo.com' },
    tradier: { token: tradierToken, baseUrl: (e.TRADIER_BASE_URL ?? 'https://api.tradier.com').replace(/\/+$/, '') },
    finnhub: { apiKey: e.FINNHUB_API_KEY, baseUrl: 'https://finnhub.io/api/v1' },
    tradingEconomics: { apiKey: e.TE_API_KEY, baseUrl: 'https://api.tradingeconomics.com' },
    enrichment: { calendar: (e.ENRICHMENT_CALENDAR as 'synthetic' | 'none' | undefined) ?? 'synthetic', blockMinutes: e.EVENT_BLOCK_MINUTES ?? 10 },
    marketDataProviders,
    optionsProviders,
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS ?? 8000,
    replay: {
      dir: path.resolve(dataDir, e.REPLAY_DATA_DIR ? path.resolve(cwd, e.REPLAY_DATA_DIR) : 'replay'),
      clock: (e.REPLAY_CLOCK as 'live' | 'end') ?? 'live',
      speed: e.REPLAY_SPEED ?? 60,
    },
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    corsOrigins: e.CORS_ORIGINS ? list(e.CORS_ORIGINS) : ['http://localhost:3000'],
    flags: {
      chartCanonicalV1: flag(e.FF_CHART_CANONICAL_V1, true),
      layersEndpoint: flag(e.FF_LAYERS_ENDPOINT, true),
      optionsAlways: flag(e.FF_OPTIONS_ALWAYS, true),
      indexSniperMode: flag(e.INDEX_SNIPER_MODE, false),
    },
    logLevel: e.LOG_LEVEL ?? 'info',
    bodyLimit: e.BODY_LIMIT ?? '256kb',
    host: e.HOST ?? '127.0.0.1',
    limits: {
      bodyMaxDepth: e.BODY_MAX_DEPTH ?? 32,
      wsMaxPayloadBytes: e.WS_MAX_PAYLOAD_BYTES ?? 4096,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS ?? 30_000,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS ?? 10_000,
      keepAliveTimeoutMs: e.HTTP_KEEPALIVE_TIMEOUT_MS ?? 5_000,
      maxConnections: e.HTTP_MAX_CONNECTIONS ?? 1024,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS ?? 10_000,
      ratePublicLimit: e.RATE_LIMIT_PUBLIC ?? 300,
      rateWindowMs: e.RATE_LIMIT_WINDOW_MS ?? 60_000,
      providerCacheEntries: e.PROVIDER_CACHE_MAX_ENTRIES ?? 5000,
      providerCacheBytes: (e.PROVIDER_CACHE_MAX_MB ?? 24) * 1024 * 1024,
      streamMaxSymbols: e.STREAM_MAX_SYMBOLS ?? 200,
    },
    metricsPublic: flag(e.METRICS_PUBLIC, false),
    calibration: {
      // auto: calibrate on the embedded synthetic history in the background, except under tests
      onStart: !e.CALIBRATION_ON_START || /^auto$/i.test(e.CALIBRATION_ON_START) ? e.NODE_ENV !== 'test' : flag(e.CALIBRATION_ON_START, false),
      symbols: list((e.CALIBRATION_SYMBOLS ?? 'SPY,QQQ,AAPL,MSFT,IWM').toUpperCase()),
      days: e.CALIBRATION_DAYS ?? 40,
      commissionPerShare: e.COST_COMMISSION_PER_SHARE ?? 0.01,
      slippagePerShare: e.COST_SLIPPAGE_PER_SHARE ?? 0.01,
    },
  };
}
