/**
 * Request-body guards applied before the JSON parser and the validation pipe:
 * - only JSON bodies on routes that take a body (415 otherwise; this also stops cross-site
 *   `text/plain` and form posts, which browsers send without a CORS preflight);
 * - a nesting-depth limit, checked on the raw bytes before JSON.parse, so a 3 KB body of 1,500
 *   nested arrays is a 400 naming the body instead of a stack overflow in validation.
 */
import { AppError, ValidationFailedError } from './errors';

/** 415: the body is not JSON. */
export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
}

/** application/json and application/<anything>+json, with or without parameters (charset). */
export const JSON_TYPES = ['application/json', 'application/*+json'];
const JSON_CT = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

export function isJsonContentType(ct: string | undefined): boolean {
  return typeof ct === 'string' && JSON_CT.test(ct.trim());
}

/** Whether the request carries a body (a declared non-zero length, or chunked). */
export function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const len = headers['content-length'];
  if (typeof len === 'string') return len.trim() !== '0';
  return headers['transfer-encoding'] !== undefined;
}

type Mw = (req: any, res: any, next: (err?: unknown) => void) => void;

/** 415 for a body that is not JSON on a method that takes one. */
export function requireJsonBody(): Mw {
  return (req, _res, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(req.method) || !hasBody(req.headers)) return next();
    const ct = req.headers['content-type'] as string | undefined;
    if (isJsonContentType(ct)) return next();
    next(new UnsupportedMediaTypeError(`request body must be JSON: send Content-Type: application/json (got ${ct ? JSON.stringify(ct.slice(0, 80)) : 'no Content-Type'})`));
  };
}

/** True when the JSON text nests objects/arrays deeper than `max` (brackets inside strings ignored). */
export function jsonDepthExceeds(buf: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** A body-parser `verify` hook that refuses bodies nested deeper than `max`. */
export function depthLimit(max: number): (req: unknown, res: unknown, buf: Buffer) => void {
  return (_req, _res, buf) => {
    if (jsonDepthExceeds(buf, max)) throw Object.assign(new Error(`nested deeper than ${max} levels`), { tooDeep: max });
  };
}

/** The 400 for a body refused by depthLimit. */
export function tooDeepError(max: number): ValidationFailedError {
  return ValidationFailedError.field('body', `JSON nested deeper than ${max} levels (objects and arrays); flatten the request`);
}
