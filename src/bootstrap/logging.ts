import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { REDACT_PATHS, scrubSecrets } from '../common/redact';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Reuse a sane X-Request-Id or mint one; store it on the request and echo it in the response. */
export function assignRequestId(req: IncomingMessage & { id?: string }, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Structured JSON logs (pino). Every line logged during a request carries its request id
 * (taken from X-Request-Id when sane, else a new UUID) and the id is echoed in the response header.
 * Secrets are redacted from every line: the Authorization header and key/token query parameters
 * (pino `redact`), the request URL (scrubbed by its serializer) and any message text (a logMethod
 * hook, which covers Nest Logger lines that quote a URL).
 */
export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage, res: ServerResponse) => assignRequestId(req as IncomingMessage & { id?: string }, res),
      customProps: (req: IncomingMessage) => ({ request_id: (req as IncomingMessage & { id?: string }).id }),
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      hooks: {
        logMethod(args: unknown[], method: (...a: unknown[]) => void) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)),
          );
        },
      },
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health/') },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: scrubSecrets(req.url) }),
        err: (err: { type?: string; message?: string; stack?: string }) => ({ type: err?.type, message: scrubSecrets(String(err?.message ?? '')), stack: scrubSecrets(String(err?.stack ?? '')) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
