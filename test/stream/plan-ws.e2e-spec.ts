import { samplePlan } from '../support/sample-plan';
import * as fs from 'node:fs';
import * as path from 'node:path';
import WebSocket from 'ws';
import { IDEA_STORE, IdeaStoreApi } from '../../src/persistence/idea-store.types';
import { readFixtureText } from '../support/fixtures';
import { createTestApp, tempDataDir, TestApp } from '../support/test-app';

/** The 2013-10-08 SPY session only, as a replay file. */
function replayDirFor(date: string): string {
  const dir = tempDataDir('tc-ws-replay-');
  const [header, ...lines] = readFixtureText('bars', 'lean_spy_1m_2013-10-04_2013-10-11.csv').trim().split('\n');
  fs.writeFileSync(path.join(dir, 'SPY_1m.csv'), [header, ...lines.filter((l) => l.startsWith(date))].join('\n'));
  return dir;
}

// 09:29 ET: follow from the open
const PLAN = samplePlan({
  symbol: 'SPY',
  interval: '1m',
  bias: 'short',
  direction: 'short',
  entry: 167.1,
  stop: 167.65,
  targets: [166.7, 166.3, 165.9],
  atr: 0.2,
  last_price: 167.45,
  as_of: '2013-10-08T13:29:00.000Z',
});

interface Frame {
  plan_id?: string;
  event: { t: string; version?: number; [k: string]: unknown };
}

function connect(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const frames: Frame[] = [];
  let closed: { code: number; reason: string } | undefined;
  ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
  ws.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
  const until = async (pred: () => boolean, ms = 15000) => {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > ms) throw new Error(`timed out; frames: ${frames.map((f) => f.event.t + (f.event.version ?? '')).join(',')} closed: ${JSON.stringify(closed)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { ws, frames, until, closed: () => closed, deltas: () => frames.filter((f) => f.event.t === 'plan_delta') };
}

describe('WS /ws/plans/{plan_id} on a replayed session at high speed', () => {
  let t: TestApp;
  let planId: string;
  const wsUrl = () => `${t.url.replace('http', 'ws')}/ws/plans/${planId}`;

  beforeAll(async () => {
    t = await createTestApp({ REPLAY_DATA_DIR: replayDirFor('2013-10-08'), REPLAY_CLOCK: 'live', REPLAY_SPEED: '1500', STREAM_POLL_MS: '100' });
    planId = (await t.app.get<IdeaStoreApi>(IDEA_STORE).save({ user_id: 'u1', symbol: 'SPY', style: 'intraday', payload: PLAN })).plan_id;
  });
  afterAll(() => t.close());

  it('sends the snapshot, the state, then deltas in order with increasing versions; a reconnect with last_version gets exactly the missed ones', async () => {
    const a = connect(wsUrl(), { 'X-User-Id': 'u1' });
    await a.until(() => a.deltas().length >= 2);
    expect(a.frames[0].event).toMatchObject({ t: 'plan_full', version: 1 });
    expect((a.frames[0].event.payload as any).entry).toBe(167.1);
    expect(a.frames[1].event.t).toBe('plan_state');
    const v = a.deltas().map((f) => f.event.version!);
    expect(v).toEqual(v.map((_, i) => i + 1));
    expect(a.deltas()[0].event).toMatchObject({ t: 'plan_delta', reason: 'entered', plan_id: planId });
    a.ws.close();
    const seen = v.length;

    // while disconnected the plan keeps being followed; wait for more deltas in the store
    const store = t.app.get<IdeaStoreApi>(IDEA_STORE);
    const t0 = Date.now();
    while ((await store.listDeltas('u1', planId)).length < seen + 2 && Date.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 100));
    const stored = await store.listDeltas('u1', planId);
    expect(stored.length).toBeGreaterThanOrEqual(seen + 2);

    const b = connect(`${wsUrl()}?last_version=${seen}`, { 'X-User-Id': 'u1' });
    await b.until(() => b.deltas().length >= stored.length - seen);
    const got = b.deltas().map((f) => f.event.version!);
    expect(got.slice(0, stored.length - seen)).toEqual(stored.slice(seen).map((d) => d.seq));
    expect(got.every((x, i) => i === 0 || x > got[i - 1])).toBe(true);
    expect(Math.min(...got)).toBe(seen + 1);
    expect(
      b
        .deltas()
        .slice(0, 3)
        .map((f) => f.event.reason),
    ).toEqual(stored.slice(seen, seen + 3).map((d) => d.type));
    b.ws.close();
  });

  it('answers a malformed message with an error frame and stays usable', async () => {
    const c = connect(wsUrl(), { 'X-User-Id': 'u1' });
    await c.until(() => c.frames.some((f) => f.event.t === 'plan_state'));
    c.ws.send('{not json');
    await c.until(() => c.frames.some((f) => f.event.t === 'error'));
    c.ws.send(JSON.stringify({ type: 'ping' }));
    await c.until(() => c.frames.some((f) => f.event.t === 'pong'));
    expect(c.closed()).toBeUndefined();
    c.ws.close();
  });

  it('closes with 4404 for an unknown plan and for another user’s plan', async () => {
    const unknown = connect(`${t.url.replace('http', 'ws')}/ws/plans/SPY-intraday-20131008-zzzzzz`, { 'X-User-Id': 'u1' });
    await unknown.until(() => !!unknown.closed());
    expect(unknown.closed()!.code).toBe(4404);
    const other = connect(wsUrl(), { 'X-User-Id': 'u2' });
    await other.until(() => !!other.closed());
    expect(other.closed()!.code).toBe(4404);
    expect(other.frames.some((f) => f.event.t === 'plan_full')).toBe(false);
  });

  it('closes with 1008 (not a hang-up or a crash) for a malformed plan id', async () => {
    for (const bad of ['%E0%A4%A', '%3Cscript%3E', 'a%20b']) {
      const c = connect(`${t.url.replace('http', 'ws')}/ws/plans/${bad}`, { 'X-User-Id': 'u1' });
      await c.until(() => !!c.closed());
      expect([bad, c.closed()!.code]).toEqual([bad, 1008]);
    }
    // the service still answers afterwards
    const ok = connect(wsUrl(), { 'X-User-Id': 'u1' });
    await ok.until(() => ok.frames.some((f) => f.event.t === 'plan_full'));
    ok.ws.close();
  });
});

describe('WS auth with BACKEND_API_KEYS', () => {
  it('refuses a missing or wrong key with 4401 and a cross-user subscription with 4404', async () => {
    const t = await createTestApp({ BACKEND_API_KEYS: 'key-alice-1:alice,key-bob-22:bob' });
    try {
      const id = (await t.app.get<IdeaStoreApi>(IDEA_STORE).save({ user_id: 'alice', symbol: 'SPY', style: 'intraday', payload: PLAN })).plan_id;
      const url = `${t.url.replace('http', 'ws')}/ws/plans/${id}`;
      const none = connect(url);
      await none.until(() => !!none.closed());
      expect(none.closed()!.code).toBe(4401);
      const wrong = connect(url, { Authorization: 'Bearer nope-nope-nope' });
      await wrong.until(() => !!wrong.closed());
      expect(wrong.closed()!.code).toBe(4401);
      const bob = connect(url, { Authorization: 'Bearer key-bob-22' });
      await bob.until(() => !!bob.closed());
      expect(bob.closed()!.code).toBe(4404);
      const alice = connect(`${url}?token=key-alice-1`);
      await alice.until(() => alice.frames.some((f) => f.event.t === 'plan_full'));
      alice.ws.close();
    } finally {
      await t.close();
    }
  });
});
