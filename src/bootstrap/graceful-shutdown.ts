import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import * as net from 'node:net';
import { wsAdapterOf } from './configure-app';

export interface ShutdownOptions {
  /** How long in-flight requests may take to finish before their sockets are closed, ms. */
  graceMs: number;
  /** How long connections are still accepted after the signal (default 500 ms, at most graceMs / 4). */
  acceptGraceMs?: number;
  log?: (message: string) => void;
}

/**
 * Counts in-flight HTTP requests from the moment a request arrives until its response is finished
 * (or its socket closed). While draining, responses carry `Connection: close` so keep-alive clients
 * reconnect elsewhere; Server-Sent Events streams are ended (they would never finish by themselves).
 */
export class InFlightTracker {
  private readonly open = new Set<ServerResponse>();
  /** Every accepted socket: when, requests answered on it, requests running on it. */
  private readonly sockets = new Map<net.Socket, { at: number; served: number; active: number }>();
  private draining = false;
  private idle?: () => void;
  /** When the last socket was accepted (epoch ms; 0 before any). */
  lastConnectionAt = 0;

  constructor(server: Server) {
    server.on('connection', (socket: net.Socket) => {
      this.lastConnectionAt = Date.now();
      this.sockets.set(socket, { at: Date.now(), served: 0, active: 0 });
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (this.draining) res.setHeader('Connection', 'close');
      this.open.add(res);
      const sock = this.sockets.get(req.socket);
      if (sock) sock.active++;
      const done = () => {
        if (!this.open.delete(res)) return;
        if (sock) {
          sock.active--;
          sock.served++;
        }
        if (this.draining && this.open.size === 0) this.idle?.();
      };
      res.once('finish', done);
      res.once('close', done);
    });
  }

  get size(): number {
    return this.open.size;
  }

  /**
   * Close the sockets that are truly idle: keep-alive sockets between requests, and sockets that sent
   * nothing for `silentMs` while the event loop was free to read them. Node's closeIdleConnections()
   * would also close a socket accepted while the loop was busy whose request bytes are not read yet —
   * a request in flight, reset (seen under load). Returns how many were closed.
   */
  closeIdle(loopResponsive: boolean, silentMs = 2000): number {
    let n = 0;
    const now = Date.now();
    for (const [socket, st] of this.sockets) {
      if (st.active > 0) continue;
      if (st.served > 0 || (loopResponsive && socket.bytesRead === 0 && now - st.at > silentMs)) {
        socket.destroy();
        n++;
      }
    }
    return n;
  }

  /** From now on responses carry `Connection: close` (keep-alive clients reconnect elsewhere). */
  startDraining(): void {
    this.draining = true;
    for (const res of this.open) if (!res.headersSent) res.setHeader('Connection', 'close');
  }

  /** Ends SSE streams, then resolves when every in-flight request has finished, or after `ms` (false then). */
  drain(ms: number): Promise<boolean> {
    this.startDraining();
    for (const res of this.open) {
      if (res.headersSent && String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream')) res.end();
    }
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
  const deadline = Date.now() + options.graceMs;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
  log(`draining ${tracker.size} in-flight request(s) (grace ${options.graceMs} ms)`);
  tracker.startDraining();
  // Keep accepting for a moment: connections already on their way (in the accept backlog, or
  // accepted with their request not yet read while the event loop was busy) are served, not reset.
  // At least acceptGraceMs, and on until the loop is free and no connection arrived for 300 ms (at most
  // 5 s or graceMs / 4): a loop busy with a CPU-heavy request has not accepted what waits in the backlog.
  const minUntil = Date.now() + Math.min(options.acceptGraceMs ?? 500, options.graceMs / 4);
  const maxUntil = Date.now() + Math.max(Math.min(5000, options.graceMs / 4), minUntil - Date.now());
  for (;;) {
    const t0 = Date.now();
    await sleep(100);
    // timers run before the poll phase: give the loop two poll phases to accept what a busy loop left waiting
    for (let i = 0; i < 2; i++) await new Promise((r) => setImmediate(r));
    const now = Date.now();
    const responsive = now - t0 < 150;
    if (now >= maxUntil || (now >= minUntil && responsive && now - tracker.lastConnectionAt > 300)) break;
  }
  // Stop listening without Node's http close(), which destroys every connection that has no parsed
  // request yet, including ones whose request bytes are still unread.
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
  const websockets = wsAdapterOf(app)?.closeAllClients(1001, 'server shutting down') ?? 0;
  const drained = await tracker.drain(deadline - Date.now());
  // idle keep-alive sockets go now, silent ones once the loop has been free to read them (InFlightTracker.closeIdle); the rest when the grace is over
  let done = false;
  void closed.then(() => (done = true));
  let responsive = false;
  while (!done && Date.now() < deadline) {
    tracker.closeIdle(responsive);
    const t0 = Date.now();
    await Promise.race([closed, sleep(100)]);
    // a free loop fires the 100 ms timer on time; a busy one has not read what its sockets received yet
    responsive = Date.now() - t0 < 150;
  }
  if (!done) {
    log(`grace period over with ${tracker.size} request(s) still running: closing their connections`);
    server.closeAllConnections();
    await closed;
  }
  await app.close();
  return { drained: drained && tracker.size === 0, websockets };
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
