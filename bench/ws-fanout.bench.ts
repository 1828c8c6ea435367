/** Fan-out latency of one plan delta to 1,000 local WebSocket clients of /ws/plans/{id} (in-process bus). */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';

export default async function () {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-bench-ws-'));
  process.env.LOG_LEVEL = 'silent';
  process.env.WS_HEARTBEAT_MS = '600000';
  const { AppModule } = await import('../src/app.module');
  const { configureApp } = await import('../src/bootstrap/configure-app');
  const { IDEA_STORE } = await import('../src/persistence/idea-store.types');
  const { StreamBus } = await import('../src/modules/stream/stream-bus');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: false, bodyParser: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const store = app.get(IDEA_STORE) as any;
  const { plan_id } = await store.save({ user_id: 'bench', symbol: 'SPY', style: 'intraday', payload: { symbol: 'SPY', direction: 'long', entry: 1, stop: 0.5, targets: [2] } });
  const N = 1000;
  const clients: WebSocket[] = [];
  const received: Array<Map<number, number>> = [];
  await Promise.all(
    Array.from(
      { length: N },
      (_, i) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/plans/${plan_id}`, { headers: { 'X-User-Id': 'bench' } });
          const got = new Map<number, number>();
          received[i] = got;
          ws.on('message', (d) => {
            const f = JSON.parse(d.toString());
            if (f.event.t === 'plan_state') resolve();
            if (f.event.t === 'plan_delta') got.set(f.event.version, performance.now());
          });
          ws.on('error', reject);
          clients.push(ws);
        }),
    ),
  );
  const bus = app.get(StreamBus);
  const lat: number[] = [];
  for (let v = 1000; v < 1020; v++) {
    const t0 = performance.now();
    bus.publish({ plan_id, event: { t: 'plan_delta', plan_id, version: v, reason: 'bench', changes: { stop: 1 } } });
    const deadline = Date.now() + 5000;
    while (received.some((m) => !m.has(v)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    for (const m of received) if (m.has(v)) lat.push(m.get(v)! - t0);
  }
  lat.sort((a, b) => a - b);
  const q = (p: number) => Number(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(2));
  console.table({ 'one delta → 1,000 WS clients (20 deltas)': { deliveries: lat.length, 'p50 ms': q(0.5), 'p99 ms': q(0.99), 'max ms': q(1) } });
  for (const ws of clients) ws.terminate();
  await app.close();
}
