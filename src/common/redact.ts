/**
 * Secrets never reach a log line: credentials in query strings (`token`, `api_key`, `apikey`, `key`,
 * `access_token`, Polygon's `apiKey`, any case) and bearer tokens are replaced by `[REDACTED]`.
 * Used by the request log's URL serializer and by a pino hook over every message.
 */
const QUERY_SECRET = /([?&;](?:token|api[_-]?key|apikey|key|access_token|secret|password)=)[^&#\s"']*/gi;
const BEARER = /(\bBearer\s+)[^\s"',;]+/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s"']+@/gi;

export const REDACTED = '[REDACTED]';

/** The text with query-string secrets, bearer tokens and URL user:password parts redacted. */
export function scrubSecrets(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return text;
  return text.replace(QUERY_SECRET, `$1${REDACTED}`).replace(BEARER, `$1${REDACTED}`).replace(URL_USERINFO, `$1${REDACTED}@`);
}

/** Header and field paths pino removes from every log object (pino `redact`). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.query.token',
  'req.query.api_key',
  'req.query.apikey',
  'req.query.key',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'authorization',
  'cookie',
];
