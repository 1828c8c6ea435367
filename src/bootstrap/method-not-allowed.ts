/**
 * 405 Method Not Allowed, with an `Allow` header, for a method a known path does not serve (TRACE,
 * PUT on a GET route …), instead of the router's 404. The route table is read once from the Express
 * router after Nest registered its routes; unknown paths still fall through to 404. As in OpenAPI path
 * matching, a concrete path is matched before templated ones: GET on a POST-only `/a/record` is a 405
 * even when a GET `/a/:symbol` exists.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../common/errors';

export class MethodNotAllowedError extends AppError {
  readonly status = 405;
  readonly code = 'method_not_allowed';
}

interface RouteEntry {
  re: RegExp;
  methods: Set<string>;
  /** No `:param` segment: a concrete path, matched before templated ones (OpenAPI path matching). */
  literal: boolean;
}

type Layer = { route?: { path?: unknown; methods?: Record<string, boolean> } };

function compile(path: string): RegExp | undefined {
  if (/[*?(){}]/.test(path)) return undefined; // wildcards and optional segments: left to the router
  const src = path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.+^$|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${src}/?$`);
}

export function routeTable(stack: Layer[]): RouteEntry[] {
  const byPath = new Map<string, RouteEntry>();
  for (const layer of stack) {
    const path = layer.route?.path;
    if (typeof path !== 'string' || !layer.route?.methods) continue;
    const re = compile(path);
    if (!re) continue;
    const entry = byPath.get(path) ?? { re, methods: new Set<string>(), literal: !path.includes(':') };
    for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') entry.methods.add(m.toUpperCase());
    if (layer.route.methods._all) ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].forEach((m) => entry.methods.add(m));
    byPath.set(path, entry);
  }
  for (const e of byPath.values()) {
    if (e.methods.has('GET')) e.methods.add('HEAD');
    e.methods.add('OPTIONS'); // CORS preflight is answered for every path
  }
  return [...byPath.values()];
}

/** Express middleware; `stack` returns the router's layers (read lazily, after route registration). */
export function methodNotAllowed(stack: () => Layer[]): (req: Request, res: Response, next: NextFunction) => void {
  let table: RouteEntry[] | undefined;
  return (req, res, next) => {
    table = table ?? routeTable(stack());
    const all = table.filter((e) => e.re.test(req.path));
    // a concrete path wins over a templated one (POST /iv-history/record is not GET /iv-history/{symbol})
    const literal = all.filter((e) => e.literal);
    const matching = literal.length ? literal : all;
    if (matching.length === 0 || matching.some((e) => e.methods.has(req.method))) return next();
    const allow = [...new Set(matching.flatMap((e) => [...e.methods]))].sort().join(', ');
    res.setHeader('Allow', allow);
    next(new MethodNotAllowedError(`${req.method} is not supported on ${req.path}; allowed: ${allow}`));
  };
}
