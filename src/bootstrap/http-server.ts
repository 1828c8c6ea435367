import type { Server } from 'node:http';
import type { AppConfig } from '../config/app-config';

/**
 * Socket-level limits of the Node HTTP server (docs/security.md): a client must send its headers
 * within headersTimeout and its whole request within requestTimeout (a body-drip client used to stay
 * connected for 300 s), idle keep-alive sockets close after keepAliveTimeout, and at most
 * maxConnections sockets are open at once (further ones are refused by Node).
 */
export function applyServerLimits(server: Server, limits: AppConfig['limits']): void {
  server.requestTimeout = limits.requestTimeoutMs;
  // Node requires headersTimeout ≤ requestTimeout
  server.headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
}
