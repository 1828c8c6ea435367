/**
 * Graceful shutdown (issue 13 item 12): on SIGTERM the service stops accepting, lets in-flight
 * requests finish, closes WebSockets with 1001 and exits 0 (16 in-flight requests used to be reset).
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import request from 'supertest';
import { WebSocket } from 'ws';
import { drainAndClose, InFlightTracker } from '../../src/bootstrap/graceful-shutdown';
import { createTestApp, tempDataDir } from '../support/test-app';
import { firstFiredPlan, LIQUID_UNIVERSE, NOW_MS } from './acceptance-support';

const ROOT = path.resolve(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitLive(base: string, child: ChildProcess, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode} before it was live`);
    try {
      if ((await fetch(`${base}/health/live`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('service not live within 60 s');
}

describe('graceful shutdown of the real service (child process)', () => {
  it('SIGTERM: every in-flight request completes with 200, new connections are refused, exit code 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !/^(DATABASE_URL|DB_URL|REDIS_URL|BACKEND_API_KEYS?|POLYGON_|TRADIER_|MARKET_DATA_PROVIDERS|JEST|NODE_OPTIONS)/.test(k)) env[k] = v;
    Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: tempDataDir('tc-shutdown-'), LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '30000', RATE_LIMIT_PUBLIC: '0' });
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitLive(base, child);
      // 16 requests that each take a while (plan analysis on two frames; a 6-symbol scan)
      let killedAt = Infinity;
      const sent: Promise<void>[] = [];
      const calls = Array.from({ length: 16 }, (_, i) => {
        const body = JSON.stringify(
          i % 4 === 3 ? { universe: LIQUID_UNIVERSE.slice(0, 6), style: 'swing' } : { symbol: LIQUID_UNIVERSE[i % LIQUID_UNIVERSE.length], style: i % 2 ? 'swing' : 'intraday' },
        );
        const req = http.request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: i % 4 === 3 ? '/gpt/scan' : '/gpt/plan',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        });
        sent.push(new Promise((resolve) => req.on('finish', () => resolve())));
        const result = new Promise<{ status: number; at: number; body: string }>((resolve) => {
          req.on('response', (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, at: Date.now(), body: text }));
          });
          req.on('error', (e) => resolve({ status: 0, at: Date.now(), body: e.message }));
        });
        req.end(body);
        return result;
      });
      await Promise.all(sent); // every request is on the wire before the signal
      await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGTERM');
      killedAt = Date.now();
      const results = await Promise.all(calls);
      const code = await exited;
      if (results.some((r) => r.status !== 200)) console.warn(`service output:\n${output.slice(-4000)}`);
      expect(results.map((r) => (r.status === 200 ? 200 : `${r.status} ${r.body.slice(0, 120)}`))).toEqual(new Array(16).fill(200));
      // the point of the test: requests were still running when SIGTERM arrived
      expect(results.filter((r) => r.at > killedAt).length).toBeGreaterThan(0);
      expect(code).toBe(0);
      expect(output).toMatch(/SIGTERM: draining \d+ in-flight request/);
      expect(output).toMatch(/shutdown complete/);
      await expect(fetch(`${base}/health/live`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('drainAndClose (in process)', () => {
  it('closes WebSockets with 1001, lets in-flight HTTP requests finish with 200, ends SSE streams, then closes the app', async () => {
    const t = await createTestApp({ RATE_LIMIT_PUBLIC: '0' }, { clockMs: NOW_MS });
    const tracker = new InFlightTracker(t.http);
    try {
      const plan = await firstFiredPlan(t);
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/ws/plans/${plan.plan_id}`);
      const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
      await new Promise<void>((resolve, reject) => {
        ws.on('message', (raw) => JSON.parse(raw.toString()).event?.t === 'plan_full' && resolve());
        ws.on('error', reject);
      });
      const sse = request(t.http)
        .get('/stream/SPY')
        .buffer(true)
        .parse((res, cb) => {
          res.on('data', () => undefined);
          res.on('end', () => cb(null, 'ended'));
        });
      const ssePromise = sse.then((r) => r.status);
      // the four symbols' synthetic history built first: the drain then waits on plans, not on years of
      // cold bar generation (which yields to the loop and, on a loaded machine, outlasts the grace period)
      for (const symbol of ['AAPL', 'MSFT', 'NVDA', 'QQQ']) await request(t.http).post('/gpt/plan').send({ symbol, style: 'swing' }).expect(200);
      // four plan requests whose bodies are still arriving when the drain starts (truly in flight)
      const port = new URL(t.url).port;
      const uploads = ['AAPL', 'MSFT', 'NVDA', 'QQQ'].map((symbol) => {
        const body = JSON.stringify({ symbol, style: 'swing' });
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/gpt/plan', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
        const response = new Promise<{ status: number; connection?: string }>((resolve, reject) => {
          req.on('response', (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          });
          req.on('error', reject);
        });
        req.write(body.slice(0, 5));
        return { rest: () => req.end(body.slice(5)), response };
      });
      for (let i = 0; i < 500 && tracker.size < 5; i++) await new Promise((r) => setTimeout(r, 10));
      expect(tracker.size).toBe(5); // the SSE stream and the four uploads
      const draining = drainAndClose(t.app, tracker, { graceMs: 20_000 });
      await new Promise((r) => setTimeout(r, 100));
      uploads.forEach((u) => u.rest());
      expect(await Promise.all(uploads.map((u) => u.response))).toEqual(new Array(4).fill({ status: 200, connection: 'close' }));
      expect(await draining).toEqual({ drained: true, websockets: 1 });
      expect(await closed).toEqual({ code: 1001, reason: 'server shutting down' });
      expect(await ssePromise).toBe(200);
    } finally {
      await t.close().catch(() => undefined);
    }
  }, 120_000);
});
