import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * How a fake vendor drops the connection after it has read the whole request head:
 * - `reset`: a TCP reset before any byte of the response (RST, `resetAndDestroy`);
 * - `headers`: half a status line and header block, then the socket is destroyed;
 * - `body`: a complete 200 head announcing a JSON body, a part of that body, then the socket is destroyed.
 */
export type DropMode = 'reset' | 'headers' | 'body';

/**
 * A real TCP peer on 127.0.0.1 (an ephemeral port) that speaks just enough HTTP to fail mid-response.
 * No HTTP mocking library is involved: the client's own sockets see the reset or the early close, as
 * they would from a vendor's load balancer dropping a connection.
 */
export class DroppingPeer {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  mode: DropMode = 'reset';
  /** Request heads received (method and path only), to check that the client reached the peer. */
  readonly requests: string[] = [];
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  private accept(socket: net.Socket) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined); // the peer's side of a reset it caused itself
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return; // read the whole request head first
      socket.off('data', onData);
      this.requests.push(head.slice(0, head.indexOf(' HTTP/')));
      this.drop(socket);
    };
    socket.on('data', onData);
  }

  private drop(socket: net.Socket) {
    switch (this.mode) {
      case 'reset':
        socket.resetAndDestroy();
        return;
      case 'headers':
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: applic', () => socket.destroy());
        return;
      case 'body': {
        const body = JSON.stringify({ status: 'OK', results: [{ t: 1, o: 1, h: 1, l: 1, c: 1, v: 1 }] });
        const head = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
        socket.write(head + body.slice(0, Math.floor(body.length / 2)), () => socket.destroy());
        return;
      }
    }
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
