import { samplePlan } from '../support/sample-plan';
import request from 'supertest';
import { IDEA_STORE, IdeaStoreApi } from '../../src/persistence/idea-store.types';
import { DatabaseService } from '../../src/persistence/database.service';
import { rawQuery } from '../../src/persistence/raw-query';
import { storageEnv, storageTargets } from '../support/postgres';
import { createTestApp, tempDataDir } from '../support/test-app';

describe.each(storageTargets())('idea snapshots survive a restart (%s store)', (target) => {
  let env: Record<string, string> = {};
  let cleanup: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    ({ env, cleanup } = await storageEnv(target, tempDataDir()));
  });
  afterAll(() => cleanup());

  it('reads back a saved snapshot and its layers unchanged after the process restarts', async () => {
    const payload = samplePlan({ symbol: 'SPY', entry: 431.25, stop: 429.9, targets: [433.1, 435.4], notes: 'Δ ± € — unicode survives', warnings: ['a', 'x'] });
    const layers = {
      levels: [{ price: 431.25, label: 'ENTRY', kind: 'level' }],
      zones: [{ low: 1, high: 2, kind: 'demand_zone', label: 'D' }],
      annotations: [],
      meta: { level_groups: { primary: ['ENTRY'], supplemental: [] }, confluence: [], confidence_factors: [] },
    };

    const first = await createTestApp(env);
    const store = first.app.get<IdeaStoreApi>(IDEA_STORE);
    const v1 = await store.save({ user_id: 'alice', symbol: 'spy', style: 'intraday', payload, layers });
    const v2 = await store.save({ user_id: 'alice', symbol: 'SPY', style: 'intraday', plan_id: v1.plan_id, payload: { ...payload, entry: 432 } });
    await first.close();

    const second = await createTestApp(env);
    try {
      expect(v1.plan_id).toMatch(/^SPY-intraday-\d{8}-[a-z2-7]{6}$/);
      expect([v1.plan_version, v2.plan_version]).toEqual([1, 2]);
      const latest = await request(second.http).get(`/idea/${v1.plan_id}`).set('X-User-Id', 'alice').expect(200);
      expect(latest.body.plan_version).toBe(2);
      expect(latest.body.plan.entry).toBe(432);
      const one = await request(second.http).get(`/idea/${v1.plan_id}?v=1`).set('X-User-Id', 'alice').expect(200);
      expect(one.body.plan).toEqual({ ...payload, plan_id: v1.plan_id, version: 1, plan_version: 1 });
      expect(one.body.created_at).toBe(v1.created_at);
      const lay = await request(second.http).get(`/api/v1/gpt/chart-layers?plan_id=${v1.plan_id}&v=1`).set('X-User-Id', 'alice').expect(200);
      expect(lay.body).toMatchObject({ plan_id: v1.plan_id, plan_version: 1, ...layers });
      // another user never sees it: 404, not 403
      await request(second.http).get(`/idea/${v1.plan_id}`).set('X-User-Id', 'bob').expect(404);
    } finally {
      await second.close();
    }
  });

  it("reads a damaged or outdated snapshot back as a typed 500 snapshot_unreadable with the request id, while the user's other plans still read", async () => {
    const app = await createTestApp(env);
    try {
      const store = app.app.get<IdeaStoreApi>(IDEA_STORE);
      const good = await store.save({ user_id: 'carol', symbol: 'SPY', style: 'intraday', payload: samplePlan() });
      const { entry: _entry, ...missing } = samplePlan({ symbol: 'QQQ' });
      const broken = await store.save({ user_id: 'carol', symbol: 'QQQ', style: 'intraday', payload: missing });
      const mistyped = await store.save({ user_id: 'carol', symbol: 'IWM', style: 'intraday', payload: { ...samplePlan({ symbol: 'IWM' }), targets: 'up' } });
      for (const [id, field] of [
        [broken.plan_id, 'entry'],
        [mistyped.plan_id, 'targets'],
      ]) {
        const r = await request(app.http).get(`/idea/${id}`).set('X-User-Id', 'carol').expect(500);
        expect(r.body).toMatchObject({ error: 'snapshot_unreadable', code: 'snapshot_unreadable', details: { plan_id: id, version: 1 } });
        expect(typeof r.body.request_id).toBe('string');
        expect(r.body.details.problems.map((p: { path: string }) => p.path)).toContain(field);
        expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
      }
      const ok = await request(app.http).get(`/idea/${good.plan_id}`).set('X-User-Id', 'carol').expect(200);
      expect(ok.body.plan.entry).toBe(101);
    } finally {
      await app.close();
    }
  });

  it('assigns distinct consecutive versions to concurrent saves of one plan', async () => {
    const app = await createTestApp(env);
    try {
      const store = app.app.get<IdeaStoreApi>(IDEA_STORE);
      const first = await store.save({ user_id: 'u', symbol: 'QQQ', style: 'swing', payload: {} });
      const saves = await Promise.all(Array.from({ length: 8 }, (_, i) => store.save({ user_id: 'u', symbol: 'QQQ', style: 'swing', plan_id: first.plan_id, payload: { i } })));
      expect(saves.map((s) => s.plan_version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      const deltas = await Promise.all([1, 2, 3].map((i) => store.appendDelta('u', first.plan_id, { type: 'plan_state', payload: { i } })));
      expect(deltas.map((d) => d.seq).sort()).toEqual([1, 2, 3]);
      expect((await store.listDeltas('u', first.plan_id, 1)).map((d) => d.seq)).toEqual([2, 3]);
      await expect(store.listDeltas('other', first.plan_id, 0)).resolves.toEqual([]);
      await expect(store.appendDelta('other', first.plan_id, { type: 'x', payload: {} })).rejects.toThrow(/unknown plan_id/);
    } finally {
      await app.close();
    }
  });

  it('saves a scan page in one batch exactly as one-by-one saves would, all or none, and reads latest ids without payloads', async () => {
    const app = await createTestApp(env);
    try {
      const store = app.app.get<IdeaStoreApi>(IDEA_STORE);
      const existing = await store.save({ user_id: 'b', symbol: 'SPY', style: 'intraday', payload: { n: 1 }, layers: { levels: [], zones: [], annotations: [], meta: {} } });
      const foreign = await store.save({ user_id: 'someone-else', symbol: 'IWM', style: 'intraday', payload: {} });
      const layers = { levels: [{ price: 1, label: 'x', kind: 'plan' }], zones: [], annotations: [], meta: { a: 1 } } as never;
      const saved = await store.saveMany!([
        { user_id: 'b', symbol: 'spy', style: 'intraday', plan_id: existing.plan_id, payload: { n: 2 }, layers },
        { user_id: 'b', symbol: 'QQQ', style: 'intraday', payload: { n: 3 }, layers },
        { user_id: 'b', symbol: 'SPY', style: 'intraday', plan_id: existing.plan_id, payload: { n: 4 } },
      ]);
      expect(saved.map((r) => [r.plan_id === existing.plan_id, r.plan_version, r.symbol])).toEqual([
        [true, 2, 'SPY'],
        [false, 1, 'QQQ'],
        [true, 3, 'SPY'],
      ]);
      expect((await store.get('b', existing.plan_id)).payload).toEqual({ n: 4, plan_id: existing.plan_id, version: 3, plan_version: 3 });
      expect((await store.get('b', existing.plan_id, 2)).payload).toMatchObject({ n: 2 });
      expect((await store.getLayers('b', saved[1].plan_id)).meta).toEqual({ a: 1 });
      // the batch's raw insert stores the same column forms as a single save (TypeORM's): JSON text / jsonb, datetime text / timestamptz
      const db = app.app.get(DatabaseService);
      const raw = await rawQuery<Record<string, unknown>>(
        db,
        'SELECT s.plan_version, s.kind, s.payload, s.created_at, l.meta, l.created_at AS layer_at FROM idea_snapshots s LEFT JOIN plan_layers l ON l.plan_id = s.plan_id AND l.plan_version = s.plan_version WHERE s.plan_id = $1 ORDER BY s.plan_version',
        [existing.plan_id],
      );
      const form = (v: unknown) => (v instanceof Date ? 'Date' : typeof v === 'string' ? `text:${v.replace(/\d/g, '9')}` : v === null ? 'null' : typeof v);
      expect(raw.map((r) => r.plan_version)).toEqual([1, 2, 3]);
      expect(raw.map((r) => r.kind)).toEqual(['live', 'live', 'live']);
      expect(new Set(raw.map((r) => form(r.created_at))).size).toBe(1); // save and saveMany: one format
      expect(form(raw[1].layer_at)).toBe(form(raw[0].layer_at));
      expect(raw[2].layer_at ?? null).toBeNull(); // no layers given: none written
      const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
      expect(json(raw[1].payload)).toEqual({ n: 2, plan_id: existing.plan_id, version: 2, plan_version: 2 });
      expect(json(raw[1].meta)).toEqual({ a: 1 });
      expect(typeof raw[1].payload).toBe(typeof raw[0].payload);
      expect(Math.abs(Date.parse(String(saved[0].created_at)) - Date.now())).toBeLessThan(60_000);
      const ids = await store.latestPlanIds!('b', ['SPY', 'qqq', 'DIA'], 'intraday', 'live');
      expect(Object.fromEntries(ids)).toEqual({ SPY: existing.plan_id, QQQ: saved[1].plan_id });
      // another user's plan id in the batch: nothing of the batch is written
      await expect(
        store.saveMany!([
          { user_id: 'b', symbol: 'DIA', style: 'intraday', payload: {} },
          { user_id: 'b', symbol: 'IWM', style: 'intraday', plan_id: foreign.plan_id, payload: {} },
        ]),
      ).rejects.toThrow(/unknown plan_id/);
      expect((await store.latestPlanIds!('b', ['DIA'], 'intraday')).size).toBe(0);
    } finally {
      await app.close();
    }
  });
});
