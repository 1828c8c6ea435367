/**
 * GET /api/v1/ideas (issue 16, plan history) on both stores: a user's plans newest first, paged by
 * cursor, filtered by symbol and ET days, each with the latest version and the follower's final state;
 * another user's plans never appear.
 */
import request from 'supertest';
import { etDate } from '../../src/core/session/et-time';
import { addDays } from '../../src/core/session/et-time';
import { IDEA_STORE, type IdeaStoreApi } from '../../src/persistence/idea-store.types';
import { storageEnv, storageTargets } from '../support/postgres';
import { samplePlan } from '../support/sample-plan';
import { createTestApp, tempDataDir, TestApp } from '../support/test-app';

const KEYS = 'key-alice-1:alice,key-bob-22:bob';

describe.each(storageTargets())('plan history on the %s store', (target) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  let store: IdeaStoreApi;
  const ids: Record<string, string> = {};
  const get = (key: string, qs: string) => request(t.http).get(`/api/v1/ideas${qs}`).set('Authorization', `Bearer ${key}`);

  beforeAll(async () => {
    const s = await storageEnv(target, tempDataDir('tc-hist-'));
    cleanup = s.cleanup;
    t = await createTestApp({ ...s.env, BACKEND_API_KEYS: KEYS });
    store = t.app.get(IDEA_STORE);
    const save = async (user: string, symbol: string, plan_id?: string, entry = 100) =>
      (await store.save({ user_id: user, symbol, style: 'intraday', plan_id, payload: samplePlan({ symbol, style: 'intraday', entry }) as unknown as Record<string, unknown> })).plan_id;
    ids.spy1 = await save('alice', 'SPY');
    ids.aapl = await save('alice', 'AAPL');
    ids.spy2 = await save('alice', 'SPY');
    await save('alice', 'SPY', ids.spy1, 101); // version 2 of the first SPY plan
    ids.bob = await save('bob', 'SPY');
    const state = (over: object) => ({
      status: 'triggered',
      stop: 99,
      targets_hit: 0,
      fill_price: 100,
      fill_time: Date.parse('2026-12-01T15:00:00Z'),
      exit_price: null,
      exit_time: null,
      exit_reason: null,
      extreme: 101,
      last_price: 100.5,
      last_bar_time: 0,
      r_multiple: null,
      ...over,
    });
    await store.appendDelta('alice', ids.spy1, { type: 'entered', payload: { type: 'entered', state: state({}) } });
    await store.appendDelta('alice', ids.spy1, {
      type: 'stop_hit',
      payload: { type: 'stop_hit', state: state({ status: 'closed', exit_price: 99, exit_time: Date.parse('2026-12-01T16:00:00Z'), exit_reason: 'stop', r_multiple: -1 }) },
    });
  });
  afterAll(async () => {
    await t?.close();
    await cleanup?.();
  });

  it('lists the caller’s plans newest first with the latest version and the follower’s final state', async () => {
    const r = await get('key-alice-1', '').expect(200);
    expect(r.body.plans.map((p: { plan_id: string }) => p.plan_id)).toEqual([ids.spy2, ids.aapl, ids.spy1]);
    const first = r.body.plans.find((p: { plan_id: string }) => p.plan_id === ids.spy1);
    expect(first).toMatchObject({ version: 2, symbol: 'SPY', style: 'intraday', kind: 'live', entry: 101 });
    expect(first.outcome).toEqual({
      status: 'closed',
      exit_reason: 'stop',
      r_multiple: -1,
      targets_hit: 0,
      fill_price: 100,
      fill_time: '2026-12-01T15:00:00.000Z',
      exit_price: 99,
      exit_time: '2026-12-01T16:00:00.000Z',
      last_event: 'stop_hit',
      updated_at: expect.any(String),
    });
    expect(r.body.plans.find((p: { plan_id: string }) => p.plan_id === ids.aapl).outcome).toBeNull();
    expect(r.body.next_cursor).toBeNull();
  });

  it('another user’s plans never appear', async () => {
    const r = await get('key-bob-22', '').expect(200);
    expect(r.body.plans.map((p: { plan_id: string }) => p.plan_id)).toEqual([ids.bob]);
  });

  it('filters by symbol and by ET days', async () => {
    const spy = await get('key-alice-1', '?symbol=spy').expect(200);
    expect(spy.body.plans.map((p: { plan_id: string }) => p.plan_id)).toEqual([ids.spy2, ids.spy1]);
    const today = etDate(Date.now());
    expect((await get('key-alice-1', `?from=${today}&to=${today}`).expect(200)).body.count).toBe(3);
    expect((await get('key-alice-1', `?to=${addDays(today, -1)}`).expect(200)).body.plans).toEqual([]);
    expect((await get('key-alice-1', `?from=${addDays(today, 1)}`).expect(200)).body.plans).toEqual([]);
  });

  it('pages by cursor without gaps or repeats', async () => {
    const p1 = await get('key-alice-1', '?limit=2').expect(200);
    expect(p1.body.count).toBe(2);
    expect(p1.body.next_cursor).toEqual(expect.any(String));
    const p2 = await get('key-alice-1', `?limit=2&cursor=${p1.body.next_cursor}`).expect(200);
    expect([...p1.body.plans, ...p2.body.plans].map((p: { plan_id: string }) => p.plan_id)).toEqual([ids.spy2, ids.aapl, ids.spy1]);
    expect(p2.body.next_cursor).toBeNull();
  });

  it.each([
    ['?symbol=$$$', 'symbol'],
    ['?from=yesterday', 'from'],
    ['?from=2026-13-01', 'from'],
    ['?limit=0', 'limit'],
    ['?cursor=not%20a%20cursor', 'cursor'],
    ['?kind=draft', 'kind'],
  ])('%s → 400 naming %s', async (qs, field) => {
    const r = await get('key-alice-1', qs).expect(400);
    expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  // each fits the published schema, together or in value they name nothing: 422
  it.each([
    ['?from=2026-12-02&to=2026-12-01', 'from'],
    ['?from=2026-02-30', 'from'],
    ['?cursor=bm9wZQ', 'cursor'],
  ])('%s → 422 naming %s', async (qs, field) => {
    const r = await get('key-alice-1', qs).expect(422);
    expect(r.body).toMatchObject({ error: 'unprocessable_request', details: [{ field }] });
  });
});
