import { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { Logger, PARAMS_PROVIDER_TOKEN, type Params } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ValidationFailedError } from '../common/errors';
import { depthLimit, JSON_TYPES, requireJsonBody, tooDeepError } from '../common/body-guards';
import { accessLog, loggerOf } from './logging';
import { setupOpenApi } from './openapi';
import { applyServerLimits } from './http-server';
import { methodNotAllowed } from './method-not-allowed';
import { PathParamWsAdapter } from '../modules/stream/path-param-ws.adapter';
import { MetricsService } from '../modules/metrics/metrics.service';
import { COMPRESS_MIN_BYTES } from '../common/http-cache/response-cache';
import { cacheableRoute } from '../common/http-cache/cacheable-routes';
import { liveProbe, precomputedHeaders } from './fast-lane';

type Mw = (req: any, res: any, next: (err?: unknown) => void) => void;

const wsAdapters = new WeakMap<object, PathParamWsAdapter>();
/** The WebSocket adapter configureApp installed (graceful shutdown closes its clients with 1001). */
export const wsAdapterOf = (app: object): PathParamWsAdapter | undefined => wsAdapters.get(app);

/** A malformed or too deeply nested body becomes a 400 naming the body (instead of a bare parser message). */
function strictBody(parser: Mw): Mw {
  return (req, res, next) =>
    parser(req, res, (err?: unknown) => {
      const e = err as { type?: string; message?: string; tooDeep?: number } | undefined;
      if (typeof e?.tooDeep === 'number') return next(tooDeepError(e.tooDeep));
      if (e?.type === 'entity.parse.failed') return next(ValidationFailedError.field('body', `malformed JSON: ${e.message}`));
      next(err);
    });
}

/**
 * Everything main.ts and the end-to-end tests share: logger, security headers, CORS, body limits,
 * server socket limits, the WebSocket adapter, OpenAPI. Global pipe, guard and filter are registered as providers in AppModule.
 */
export function configureApp(app: NestExpressApplication): AppConfig {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  // request id + one access-log line per request (src/bootstrap/logging.ts)
  app.use(accessLog(loggerOf(app.get<Params>(PARAMS_PROVIDER_TOKEN))));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // helmet's headers are static: computed once, replayed per request (src/bootstrap/fast-lane.ts)
  const strict = precomputedHeaders(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
        },
      },
    }),
  );
  // Swagger UI needs inline scripts; everything else gets the strict policy.
  const docs = precomputedHeaders(helmet({ contentSecurityPolicy: false }));
  app.use((req: { path: string }, res: unknown, next: () => void) => (req.path.startsWith('/docs') ? docs : strict)(req as never, res as never, next));
  app.enableCors({ origin: config.corsOrigins, credentials: false, exposedHeaders: ['X-Request-Id'] });
  app.use(liveProbe(app.get(MetricsService, { strict: false })));
  // gzip/br for clients that ask, above 1 KB; cached GETs arrive already encoded (src/common/http-cache); SSE is never buffered
  const compress = compression({
    threshold: COMPRESS_MIN_BYTES,
    filter: (req, res) => !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') && compression.filter(req, res),
  });
  app.use((req: { method: string; path: string }, res: unknown, next: () => void) =>
    (req.method === 'GET' || req.method === 'HEAD') && cacheableRoute(req.path) ? next() : compress(req as never, res as never, next),
  );
  // 405 + Allow for a method a known path does not serve (the router would say 404)
  app.use(methodNotAllowed(() => (app.getHttpAdapter().getInstance() as unknown as { router: { stack: never[] } }).router.stack));
  // JSON only (415 otherwise), nesting-depth limited before JSON.parse; no form or text parsers
  app.use(requireJsonBody());
  app.use(strictBody(json({ limit: config.bodyLimit, type: JSON_TYPES, verify: depthLimit(config.limits.bodyMaxDepth) })));
  const ws = new PathParamWsAdapter(app, { maxPayload: config.limits.wsMaxPayloadBytes });
  wsAdapters.set(app, ws);
  app.useWebSocketAdapter(ws);
  applyServerLimits(app.getHttpServer(), config.limits);
  setupOpenApi(app, config);
  return config;
}
