import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from './errors';
import { scrubSecrets } from './redact';

interface ErrorBody {
  /** Machine-readable error code (also in `code`). */
  error: string;
  code?: string;
  message: string;
  details?: unknown;
  request_id?: string;
}

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Express body-parser errors carry `type` and `status`; map them to a 4xx naming the body. */
function bodyParserError(err: unknown): { status: number; body: ErrorBody } | undefined {
  const e = err as { type?: string; status?: number; message?: string };
  if (!e || typeof e.type !== 'string' || typeof e.status !== 'number') return undefined;
  if (e.type === 'entity.parse.failed') {
    return {
      status: 400,
      body: { error: 'validation_failed', message: 'request body is not valid JSON', details: [{ field: 'body', message: `malformed JSON: ${e.message}` }] },
    };
  }
  if (e.type === 'entity.too.large') {
    return { status: 413, body: { error: 'payload_too_large', message: 'request body too large', details: [{ field: 'body', message: e.message ?? 'too large' }] } };
  }
  if (e.status >= 400 && e.status < 500) return { status: e.status, body: { error: 'bad_request', message: e.message ?? 'bad request' } };
  return undefined;
}

/**
 * The one place errors become HTTP responses: domain errors keep their status and code, Nest HTTP
 * exceptions keep their status, anything else is a 500 with the request id — never a stack trace.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    if (res.headersSent) return;
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    let status = 500;
    let body: ErrorBody;
    const parsed = bodyParserError(exception);
    if (exception instanceof AppError) {
      status = exception.status;
      body = { error: exception.code, message: exception.message, ...(exception.details !== undefined ? { details: exception.details } : {}) };
      if (status >= 500) this.logger.warn(scrubSecrets(`${req.method} ${req.url} → ${status} ${exception.code}: ${exception.message}`));
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const r = exception.getResponse();
      const m = typeof r === 'string' ? r : (r as { message?: unknown }).message;
      const message = typeof m === 'string' || Array.isArray(m) ? m : exception.message;
      body = { error: HTTP_CODES[status] ?? 'http_error', message: Array.isArray(message) ? message.join('; ') : message };
    } else if (parsed) {
      status = parsed.status;
      body = parsed.body;
    } else {
      this.logger.error(scrubSecrets(`${req.method} ${req.url} → 500: ${(exception as Error)?.stack ?? String(exception)}`));
      body = { error: 'internal_error', message: 'internal error; quote the request_id when reporting it' };
    }
    body.code = body.error;
    if (requestId) body.request_id = requestId;
    res.status(status).json(body);
  }
}
