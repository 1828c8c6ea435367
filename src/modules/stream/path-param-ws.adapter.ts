import { WsAdapter } from '@nestjs/platform-ws';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** `/ws/plans/:plan_id` → /^\/ws\/plans\/[^/]+$/ (a `:name` segment matches one non-empty path segment). */
export function pathPattern(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- the ws server's own untyped members
type WsServerLike = { path: string; handleUpgrade: Function; emit: Function; clients?: Set<{ close(code?: number, reason?: string): void }> };

/** Default largest WebSocket message accepted (clients only send `{"last_version": n}` and pings). */
export const DEFAULT_WS_MAX_PAYLOAD = 4096;

/**
 * The stock platform-ws adapter routes an upgrade only when the path equals a gateway's path exactly,
 * and destroys every other upgrade; gateways with a path parameter (`/ws/plans/:plan_id`) therefore
 * never connect. This adapter matches `:param` segments, caps every message at `maxPayload` bytes
 * (a bigger frame closes the socket with 1009; the ws default was 100 MB) and can close every client
 * with 1001 on shutdown; everything else is unchanged.
 */
export class PathParamWsAdapter extends WsAdapter {
  private readonly maxPayload: number;
  private readonly servers = new Set<WsServerLike>();

  constructor(appOrHttpServer?: unknown, options: { maxPayload?: number } = {}) {
    super(appOrHttpServer as never);
    this.maxPayload = options.maxPayload ?? DEFAULT_WS_MAX_PAYLOAD;
  }

  // free-form: the ws server options bag Nest passes through unchanged
  override create(port: number, options: Record<string, unknown> = {}): any {
    const server = super.create(port, { ...options, maxPayload: this.maxPayload } as never);
    if (server) this.servers.add(server as WsServerLike);
    return server;
  }

  /** Close every connected client (1001 "going away" on shutdown); returns how many were closed. */
  closeAllClients(code = 1001, reason = 'server shutting down'): number {
    let n = 0;
    for (const server of this.servers) {
      for (const client of server.clients ?? []) {
        client.close(code, reason);
        n++;
      }
    }
    return n;
  }

  protected override ensureHttpServerExists(port: number, httpServer?: Server): Server | undefined {
    const registry = (this as unknown as { httpServersRegistry: Map<number, Server> }).httpServersRegistry;
    if (registry.has(port)) return undefined;
    // let the parent register the server, then replace its upgrade listener with ours
    const server = super.ensureHttpServerExists(port, httpServer);
    const target = registry.get(port)!;
    const theirs = target.listeners('upgrade').slice(-1)[0] as (...a: unknown[]) => void;
    if (theirs) target.removeListener('upgrade', theirs);
    target.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      try {
        const pathname = new URL(request.url ?? '/', 'ws://localhost').pathname;
        const servers = (this as unknown as { wsServersRegistry: Map<number, WsServerLike[]> }).wsServersRegistry.get(port) ?? [];
        const match = servers.find((s) => pathPattern(s.path).test(pathname));
        if (!match) return void socket.destroy();
        match.handleUpgrade(request, socket, head, (ws: unknown) => match.emit('connection', ws, request));
      } catch (err) {
        socket.end(`HTTP/1.1 400 Bad Request\r\n\r\n${(err as Error).message}`);
      }
    });
    return server;
  }
}
