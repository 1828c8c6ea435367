/**
 * The environment as the service accepts it. Every variable of docs/configuration.md is here;
 * validation happens once at boot (config/load-config.ts) and a bad value stops start-up with a
 * message naming the variable and what is allowed.
 */
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

const FLAG = /^(1|0|true|false|yes|no|on|off)$/i;
const FLAG_MSG = 'must be one of 1, 0, true, false, yes, no, on, off';
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : (typeof value === 'string' || typeof value === 'number') && /^-?\d+$/.test(String(value)) ? Number(value) : value;
const toFloat = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : (typeof value === 'string' || typeof value === 'number') && /^\d+(\.\d+)?$/.test(String(value)) ? Number(value) : value;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);
const URL_OPTS = { require_tld: false, require_protocol: true };

export const MARKET_PROVIDER_IDS = ['polygon', 'yahoo', 'tradier', 'replay', 'synthetic'] as const;
export const OPTIONS_PROVIDER_IDS = ['tradier', 'polygon', 'yahoo', 'synthetic'] as const;
const PROVIDER_LIST = new RegExp(`^\\s*(${MARKET_PROVIDER_IDS.join('|')})(\\s*,\\s*(${MARKET_PROVIDER_IDS.join('|')}))*\\s*$`, 'i');
const OPTIONS_LIST = new RegExp(`^\\s*(${OPTIONS_PROVIDER_IDS.join('|')})(\\s*,\\s*(${OPTIONS_PROVIDER_IDS.join('|')}))*\\s*$`, 'i');

export class EnvSchema {
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer port number' })
  @Min(1)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Transform(trim)
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(trim)
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(trim)
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
  DB_URL?: string;

  @IsOptional()
  @Transform(trim)
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Transform(trim)
  @Matches(/^\S{8,}$/, { message: 'must be at least 8 characters without spaces' })
  BACKEND_API_KEY?: string;

  @IsOptional()
  @Transform(trim)
  @Matches(/^\s*[^:,\s]{8,}:[A-Za-z0-9_.@-]{1,64}(\s*,\s*[^:,\s]{8,}:[A-Za-z0-9_.@-]{1,64})*\s*$/, {
    message: 'must be comma-separated key:user_id pairs (keys at least 8 characters, user ids [A-Za-z0-9_.@-])',
  })
  BACKEND_API_KEYS?: string;

  @IsOptional() @Transform(trim) @IsString() POLYGON_API_KEY?: string;
  @IsOptional() @Transform(trim) @IsString() MASSIVE_API_KEY?: string;
  @IsOptional() @Transform(trim) @IsUrl(URL_OPTS, { message: 'must be an absolute http(s) URL' }) MARKETDATA_BASE_URL?: string;
  @IsOptional() @Transform(trim) @IsString() TRADIER_API_TOKEN?: string;
  @IsOptional() @Transform(trim) @IsString() TRADIER_SANDBOX_TOKEN?: string;
  @IsOptional() @Transform(trim) @IsUrl(URL_OPTS, { message: 'must be an absolute http(s) URL' }) TRADIER_BASE_URL?: string;
  @IsOptional() @Transform(trim) @IsString() FINNHUB_API_KEY?: string;
  @IsOptional() @Transform(trim) @IsString() TE_API_KEY?: string;
  @IsOptional() @Transform(trim) @IsIn(['0', '1', 'true', 'false'], { message: 'must be 1 or 0' }) YAHOO_ENABLED?: string;

  @IsOptional()
  @Transform(trim)
  @Matches(PROVIDER_LIST, { message: `must be a comma-separated list of ${MARKET_PROVIDER_IDS.join(', ')}` })
  MARKET_DATA_PROVIDERS?: string;

  @IsOptional()
  @Transform(trim)
  @Matches(OPTIONS_LIST, { message: `must be a comma-separated list of ${OPTIONS_PROVIDER_IDS.join(', ')}` })
  OPTIONS_PROVIDERS?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100)
  @Max(60000)
  PROVIDER_TIMEOUT_MS?: number;

  @IsOptional() @Transform(trim) @IsIn(['synthetic', 'none'], { message: 'must be synthetic or none' }) ENRICHMENT_CALENDAR?: string;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of minutes' }) @Min(0) @Max(240) EVENT_BLOCK_MINUTES?: number;

  @IsOptional() @Transform(trim) @IsString() REPLAY_DATA_DIR?: string;
  @IsOptional() @Transform(trim) @IsIn(['live', 'end'], { message: 'must be live or end' }) REPLAY_CLOCK?: string;
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer speed factor' })
  @Min(1)
  @Max(100000)
  REPLAY_SPEED?: number;

  @IsOptional()
  @Transform(trim)
  @IsUrl(URL_OPTS, { message: 'must be an absolute http(s) URL such as https://coach.example.com' })
  PUBLIC_BASE_URL?: string;

  @IsOptional() @Transform(trim) @IsString() CORS_ORIGINS?: string;

  @IsOptional() @Matches(FLAG, { message: FLAG_MSG }) FF_CHART_CANONICAL_V1?: string;
  @IsOptional() @Matches(FLAG, { message: FLAG_MSG }) FF_LAYERS_ENDPOINT?: string;
  @IsOptional() @Matches(FLAG, { message: FLAG_MSG }) FF_OPTIONS_ALWAYS?: string;
  @IsOptional() @Matches(FLAG, { message: FLAG_MSG }) INDEX_SNIPER_MODE?: string;

  @IsOptional()
  @Transform(trim)
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL?: string;

  @IsOptional()
  @Transform(trim)
  @Matches(/^\d+(kb|mb)$/i, { message: 'must look like 256kb or 1mb' })
  BODY_LIMIT?: string;

  @IsOptional()
  @Transform(trim)
  @Matches(/^[0-9A-Za-z.:_-]{1,253}$/, { message: 'must be an interface address or host name such as 127.0.0.1 or 0.0.0.0' })
  HOST?: string;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer nesting depth' }) @Min(2) @Max(1000) BODY_MAX_DEPTH?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of bytes' }) @Min(256) @Max(10_485_760) WS_MAX_PAYLOAD_BYTES?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of milliseconds' }) @Min(1000) @Max(3_600_000) HTTP_REQUEST_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of milliseconds' }) @Min(1000) @Max(600_000) HTTP_HEADERS_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of milliseconds' }) @Min(0) @Max(600_000) HTTP_KEEPALIVE_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of connections' }) @Min(1) @Max(1_000_000) HTTP_MAX_CONNECTIONS?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of milliseconds' }) @Min(0) @Max(600_000) SHUTDOWN_GRACE_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of requests (0 = off)' }) @Min(0) @Max(1_000_000) RATE_LIMIT_PUBLIC?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of milliseconds' }) @Min(1000) @Max(86_400_000) RATE_LIMIT_WINDOW_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of entries' }) @Min(10) @Max(10_000_000) PROVIDER_CACHE_MAX_ENTRIES?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of megabytes' }) @Min(1) @Max(65_536) PROVIDER_CACHE_MAX_MB?: number;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of symbols' }) @Min(1) @Max(100_000) STREAM_MAX_SYMBOLS?: number;
  @IsOptional() @Matches(FLAG, { message: FLAG_MSG }) METRICS_PUBLIC?: string;
  @IsOptional() @Matches(/^(auto|1|0|true|false|yes|no|on|off)$/i, { message: 'must be auto, 1 or 0' }) CALIBRATION_ON_START?: string;
  @IsOptional() @Matches(/^[A-Za-z0-9.,\- ]{1,400}$/, { message: 'must be a comma-separated list of tickers' }) CALIBRATION_SYMBOLS?: string;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be an integer number of trading days' }) @Min(3) @Max(2_000) CALIBRATION_DAYS?: number;
  @IsOptional() @Transform(toFloat) @IsNumber({}, { message: 'must be a number of dollars per share' }) @Min(0) @Max(1) COST_COMMISSION_PER_SHARE?: number;
  @IsOptional() @Transform(toFloat) @IsNumber({}, { message: 'must be a number of dollars per share' }) @Min(0) @Max(1) COST_SLIPPAGE_PER_SHARE?: number;

  @IsOptional()
  @Transform(trim)
  @IsIn(['development', 'production', 'test'], { message: 'must be development, production or test' })
  NODE_ENV?: string;
}
