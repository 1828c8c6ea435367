import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { wsAdapterOf } from './configure-app';

export interface ShutdownOptions {
  /** How long in-flight requests may take to finish before their sockets are closed, ms. */
  graceMs: number;
  log?: (message: string) => void;
}

/**
 * Counts in-flight HTTP requests from the moment a request arrives until its response is finished
 * (or its socket closed). While draining, responses carry `Connection: close` so keep-alive clients
 * reconnect elsewhere; Server-Sent Events streams are ended (they would never finish by themselves).
 */
export class InFlightTracker {
  private readonly open = new Set<ServerResponse>();
  private draining = false;
  private idle?: () => void;

  constructor(private readonly server: Server) {
    server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      if (this.draining) res.setHeader('Connection', 'close');
      this.open.add(res);
      const done = () => {
        if (!this.open.delete(res)) return;
        if (!this.draining) return;
        // a keep-alive socket that just went idle must not hold server.close() open
        setImmediate(() => this.server.closeIdleConnections());
        if (this.open.size === 0) this.idle?.();
      };
      res.once('finish', done);
      res.once('close', done);
    });
  }

  get size(): number {
    return this.open.size;
  }

  /** Resolves when every in-flight request has finished, or after `ms` (false then). */
  drain(ms: number): Promise<boolean> {
    this.draining = true;
    for (const res of this.open) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
      else if (String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream')) res.end();
    }
    this.server.closeIdleConnections();
    if (this.open.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      timer.unref();
      this.idle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}

/**
 * Stop accepting connections, close WebSockets with 1001, let in-flight requests finish (at most
 * graceMs, then their sockets are closed), then run Nest's shutdown (module destroy hooks: database,
 * Redis, pollers). Resolves when the app is closed; never exits the process.
 */
export async function drainAndClose(app: INestApplication, tracker: InFlightTracker, options: ShutdownOptions): Promise<{ drained: boolean; websockets: number }> {
  const server = app.getHttpServer() as Server;
  const log = options.log ?? (() => undefined);
  log(`draining ${tracker.size} in-flight request(s) (grace ${options.graceMs} ms)`);
  // stops accepting; idle keep-alive sockets close now, busy ones after their response (Connection: close)
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const websockets = wsAdapterOf(app)?.closeAllClients(1001, 'server shutting down') ?? 0;
  let timer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    Promise.all([tracker.drain(options.graceMs), closed]).then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), options.graceMs))),
  ]);
  clearTimeout(timer);
  if (!drained) {
    log(`grace period over with ${tracker.size} request(s) still running: closing their connections`);
    server.closeAllConnections();
    await closed;
  }
  await app.close();
  return { drained, websockets };
}

/**
 * SIGTERM/SIGINT → drainAndClose, then exit 0 (1 when closing failed). Nest's own
 * enableShutdownHooks is not used for these signals: it runs the module destroy hooks first, which
 * would pull the database from under requests still being answered. A second signal, or a shutdown
 * stuck for graceMs + 5 s, exits 1.
 */
export function installGracefulShutdown(app: INestApplication, options: ShutdownOptions): { shutdown: (signal: string) => Promise<void> } {
  const tracker = new InFlightTracker(app.getHttpServer() as Server);
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  let started = false;

  const shutdown = async (signal: string) => {
    if (started) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    started = true;
    const t0 = Date.now();
    setTimeout(() => {
      log(`shutdown did not finish within ${options.graceMs + 5000} ms: exiting`);
      process.exit(1);
    }, options.graceMs + 5000).unref();
    try {
      const { websockets } = await drainAndClose(app, tracker, { ...options, log: (m) => log(`${signal}: ${m}`) });
      log(`shutdown complete in ${Date.now() - t0} ms (${websockets} WebSocket(s) closed with 1001)`);
    } catch (err) {
      log(`error during shutdown: ${(err as Error)?.stack ?? err}`);
      process.exit(1);
    }
    process.exit(0);
  };
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => void shutdown(sig));
  return { shutdown };
}
