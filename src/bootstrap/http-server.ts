import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
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
  // a request Node's parser refuses (bad header bytes …) gets the JSON error body too, not an empty 400
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const code = status === 431 ? 'headers_too_large' : status === 408 ? 'request_timeout' : 'bad_request';
    const body = JSON.stringify({ error: code, code, message: `malformed HTTP request (${err.code ?? 'parse error'})` });
    const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[status];
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
