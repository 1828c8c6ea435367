/**
 * Socket and route limits (issue 13 item 10): WebSocket messages are capped at a few KB (90 MB frames
 * used to be accepted), the HTTP server has request/headers/keep-alive timeouts and a connection cap,
 * and /metrics is behind the key when auth is on unless METRICS_PUBLIC=1.
 */
import * as net from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { WebSocket } from 'ws';
import { createTestApp, TestApp } from '../support/test-app';
import { firstFiredPlan, NOW_MS } from './acceptance-support';

const KEY = 'server-limits-key-1';

describe('server limits', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await createTestApp(
        { HTTP_MAX_CONNECTIONS: '3', HTTP_REQUEST_TIMEOUT_MS: '15000', HTTP_HEADERS_TIMEOUT_MS: '4000', HTTP_KEEPALIVE_TIMEOUT_MS: '2000', WS_MAX_PAYLOAD_BYTES: '2048' },
        { clockMs: NOW_MS },
      )),
  );
  afterAll(() => t.close());

  it('applies the configured timeouts to the HTTP server', () => {
    const s = t.http as Server;
    expect({ request: s.requestTimeout, headers: s.headersTimeout, keepAlive: s.keepAliveTimeout, max: s.maxConnections }).toEqual({ request: 15000, headers: 4000, keepAlive: 2000, max: 3 });
  });

  it('refuses sockets beyond HTTP_MAX_CONNECTIONS', async () => {
    const port = Number(new URL(t.url).port);
    const open = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<net.Socket>((resolve) => {
            const s = net.connect(port, '127.0.0.1', () => resolve(s));
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    const extra = net.connect(port, '127.0.0.1');
    const outcome = await new Promise<string>((resolve) => {
      extra.on('close', () => resolve('closed'));
      extra.on('error', () => resolve('closed'));
      setTimeout(() => resolve('still open'), 3000);
    });
    open.forEach((s) => s.destroy());
    extra.destroy();
    expect(outcome).toBe('closed');
    await new Promise((r) => setTimeout(r, 100));
    expect((await request(t.http).get('/health/live')).status).toBe(200); // back under the cap
  });

  it('closes a WebSocket that sends a message bigger than WS_MAX_PAYLOAD_BYTES with 1009', async () => {
    const plan = await firstFiredPlan(t);
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/ws/plans/${plan.plan_id}`);
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (raw) => JSON.parse(raw.toString()).event?.t === 'plan_full' && resolve());
      ws.on('error', reject);
    });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ last_version: 0, pad: 'x'.repeat(10_000) }));
    expect(await closed).toBe(1009);
  });
});

describe('/metrics and auth', () => {
  it('needs the key when auth is on', async () => {
    const t = await createTestApp({ BACKEND_API_KEY: KEY });
    try {
      expect((await request(t.http).get('/metrics')).status).toBe(401);
      const ok = await request(t.http).get('/metrics').set('Authorization', `Bearer ${KEY}`);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('http_request_duration_seconds');
    } finally {
      await t.close();
    }
  });

  it('is public with METRICS_PUBLIC=1', async () => {
    const t = await createTestApp({ BACKEND_API_KEY: KEY, METRICS_PUBLIC: '1' });
    try {
      expect((await request(t.http).get('/metrics')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
