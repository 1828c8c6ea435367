import { samplePlan } from '../support/sample-plan';
import * as http from 'node:http';
import WebSocket from 'ws';
import { IDEA_STORE, IdeaStoreApi } from '../../src/persistence/idea-store.types';
import { StreamBus } from '../../src/modules/stream/stream-bus';
import { SymbolPollerService } from '../../src/modules/stream/symbol-poller.service';
import { MarketDataService } from '../../src/providers/chain';
import { createTestDatabase, postgresAdminUrl } from '../support/postgres';
import { createTestApp, tempDataDir } from '../support/test-app';
import { realPart } from '../support/real-parts';

/** Read SSE frames from GET /stream/{symbol} until `n` frames arrived. */
function readSse(url: string, n: number, headers: Record<string, string> = {}): Promise<{ status: number; frames: any[]; contentType?: string }> {
  return new Promise((resolve, reject) => {
    const frames: any[] = [];
    const req = http.get(url, { headers, agent: false }, (res) => {
      let buf = '';
      if (res.statusCode !== 200) {
        res.resume();
        return resolve({ status: res.statusCode ?? 0, frames });
      }
      res.on('data', (chunk) => {
        buf += chunk.toString();
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('');
          if (data) frames.push(JSON.parse(data));
          if (frames.length >= n) {
            req.destroy();
            resolve({ status: 200, frames, contentType: res.headers['content-type'] });
          }
        }
      });
    });
    req.on('error', (e) => (frames.length >= n ? undefined : reject(e)));
    setTimeout(() => {
      req.destroy();
      resolve({ status: -1, frames });
    }, 15000).unref();
  });
}

describe('GET /stream/{symbol} (Server-Sent Events)', () => {
  it('streams market_status, bar, tick and heartbeat envelopes from the provider layer; the poller stops when the last client leaves; bad symbols get a 400', async () => {
    const t = await createTestApp({ STREAM_POLL_MS: '100' });
    try {
      const pollers = t.app.get(SymbolPollerService);
      const [r, r2] = await Promise.all([readSse(`${t.url}/stream/SPY`, 4), readSse(`${t.url}/stream/spy`, 2)]);
      expect(r2.frames.every((f) => f.symbol === 'SPY')).toBe(true);
      expect(r.status).toBe(200);
      expect(r.contentType).toMatch(/text\/event-stream/);
      expect(r.frames.every((f) => f.symbol === 'SPY' && typeof f.event.t === 'string')).toBe(true);
      const types = r.frames.map((f) => f.event.t);
      expect(types).toContain('market_status');
      expect(types).toContain('bar');
      expect(types).toContain('tick');
      expect(types).toContain('heartbeat');
      expect(r.frames.find((f) => f.event.t === 'market_status').event.phase).toMatch(/^(premarket|regular|afterhours|closed)$/);
      // both clients have gone: the SPY poller stops
      const t0 = Date.now();
      while (pollers.active.includes('SPY') && Date.now() - t0 < 5000) await new Promise((res) => setTimeout(res, 25));
      expect(pollers.active).toEqual([]);
      const bar = r.frames.find((f) => f.event.t === 'bar').event;
      expect(bar).toMatchObject({ symbol: 'SPY', data_source: 'synthetic' });
      expect(bar.high).toBeGreaterThanOrEqual(bar.low);
      const bad = await readSse(`${t.url}/stream/${encodeURIComponent('<x>')}`, 1);
      expect(bad.status).toBe(400);
    } finally {
      await t.close();
    }
  });
});

const redisUrl = realPart('Redis', 'TEST_REDIS_URL', 'two-instance Redis cases');

(redisUrl ? describe : describe.skip)('two instances with Redis', () => {
  it('share the provider cache: a bars request served on one instance is a cache hit on the other', async () => {
    const clockMs = Date.parse('2024-06-12T15:10:00Z');
    const symbol = `RC${Date.now() % 100000}`; // a fresh key per run
    const a = await createTestApp({ DATA_DIR: tempDataDir(), REDIS_URL: redisUrl }, { clockMs });
    const b = await createTestApp({ DATA_DIR: tempDataDir(), REDIS_URL: redisUrl }, { clockMs });
    try {
      const first = await a.app.get(MarketDataService).getBars({ symbol, interval: '5m', limit: 50 });
      expect(first.cached).toBeUndefined();
      await new Promise((r) => setTimeout(r, 100)); // the cache write is fire-and-forget
      const second = await b.app.get(MarketDataService).getBars({ symbol, interval: '5m', limit: 50 });
      expect(second.cached).toBe(true);
      expect(second.bars).toEqual(first.bars);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a delta published on one instance reaches a WebSocket client connected to the other', async () => {
    const admin = postgresAdminUrl();
    const db = admin ? await createTestDatabase(admin) : undefined;
    const shared = db ? { DATABASE_URL: db.url } : {};
    const a = await createTestApp({ ...shared, DATA_DIR: tempDataDir(), REDIS_URL: redisUrl });
    const b = await createTestApp({ ...shared, DATA_DIR: tempDataDir(), REDIS_URL: redisUrl });
    try {
      // the client's instance must be able to read the plan: same Postgres, or the plan saved on both embedded stores
      const payload = samplePlan({ symbol: 'SPY', style: 'intraday', direction: 'long', entry: 1, stop: 0.5, targets: [2] });
      const saved = await a.app.get<IdeaStoreApi>(IDEA_STORE).save({ user_id: 'u', symbol: 'SPY', style: 'intraday', payload });
      if (!db) await b.app.get<IdeaStoreApi>(IDEA_STORE).save({ user_id: 'u', symbol: 'SPY', style: 'intraday', plan_id: saved.plan_id, payload });
      await Promise.all([a.app.get(StreamBus).ready(), b.app.get(StreamBus).ready()]);
      expect(a.app.get(StreamBus).distributed).toBe(true);
      const ws = new WebSocket(`${b.url.replace('http', 'ws')}/ws/plans/${saved.plan_id}`, { headers: { 'X-User-Id': 'u' } });
      const frames: any[] = [];
      ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
      const wait = async (pred: () => boolean) => {
        const t0 = Date.now();
        while (!pred() && Date.now() - t0 < 10000) await new Promise((r) => setTimeout(r, 25));
      };
      await wait(() => frames.some((f) => f.event.t === 'plan_state'));
      a.app.get(StreamBus).publish({ plan_id: saved.plan_id, event: { t: 'plan_delta', plan_id: saved.plan_id, version: 99, reason: 'test', changes: { from: 'instance A' } } });
      await wait(() => frames.some((f) => f.event.version === 99));
      expect(frames.find((f) => f.event.version === 99).event.changes).toEqual({ from: 'instance A' });
      ws.close();
    } finally {
      await a.close();
      await b.close();
      await db?.drop();
    }
  });
});
