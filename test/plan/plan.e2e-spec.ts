import request from 'supertest';
import { IDEA_STORE, type IdeaStoreApi } from '../../src/persistence/idea-store.types';
import { PLAN_ID_PATTERN } from '../../src/persistence/plan-id';
import { playbooksForStyle } from '../../src/core/strategies/playbooks';
import { expectValidGeometry } from './support/geometry';
import { createPlanTestApp, PlanTestApp } from './support/plan-test-app';

/** Friday 2026-11-20 11:00 ET: regular session open (synthetic data is deterministic per symbol and day). */
const NOW = '2026-11-20T16:00:00Z';

/** Every field the plan contract names (spec README §1 + reference §1.3) that a plan with a setup must carry. */
const PLAN_FIELDS = [
  'plan_id',
  'version',
  'symbol',
  'style',
  'bias',
  'setup',
  'strategy_id',
  'entry',
  'stop',
  'targets',
  'target_meta',
  'targets_meta',
  'tp_reasons',
  'rr_to_t1',
  'confidence',
  'confidence_factors',
  'confluence_tags',
  'confluence',
  'key_levels_used',
  'risk_block',
  'execution_rules',
  'options_contracts',
  'options_note',
  'plan_layers',
  'meta',
  'data_source',
  'as_of',
  'banner',
  'banners',
  'warnings',
  'entry_distance_pct',
  'entry_distance_atr',
  'bars_to_trigger',
  'actionable_soon',
  'composite_score',
  'probabilities',
  'calibration_meta',
];

describe('POST /gpt/plan (embedded synthetic data, real idea store)', () => {
  let t: PlanTestApp;
  let store: IdeaStoreApi;
  beforeAll(async () => {
    t = await createPlanTestApp(NOW);
    store = t.app.get(IDEA_STORE);
  });
  afterAll(async () => t?.close());

  let firstId = '';
  it('returns the best playbook plan with every contract field, valid geometry, layers and a synthetic-data banner; persisted', async () => {
    const r = await request(t.http).post('/gpt/plan').send({ symbol: 'aapl', style: 'intraday' }).expect(200);
    expect(r.body.status).toBe('ok');
    for (const f of PLAN_FIELDS) expect(r.body).toHaveProperty(f);
    expect(r.body.plan_id).toMatch(PLAN_ID_PATTERN);
    expect(r.body.plan_id.startsWith('AAPL-intraday-20261120-')).toBe(true);
    expect(r.body.version).toBe(1);
    expectValidGeometry(r.body);
    expect(r.body.data_source).toBe('synthetic');
    expect(r.body.banners.join(' ')).toMatch(/SYNTHETIC DATA/);
    expect(r.body.meta.simulated_open).toBe(false);
    expect(r.body.plan_layers.levels.length).toBeGreaterThan(3);
    expect(r.body.plan_layers.plan_id).toBe(r.body.plan_id);
    // FF_OPTIONS_ALWAYS (default on): contracts from the contracts service, or a note saying why none
    expect(r.body.options_contracts.length > 0 || (typeof r.body.options_note === 'string' && r.body.options_note.length > 0)).toBe(true);
    expect(JSON.stringify(r.body).length).toBeLessThan(100_000);
    const stored = await store.get('anonymous', r.body.plan_id);
    expect(stored.plan_version).toBe(1);
    expect(stored.payload.entry).toBe(r.body.entry);
    const layers = await store.getLayers('anonymous', r.body.plan_id);
    expect(layers.levels.length).toBe(r.body.plan_layers.levels.length);
    firstId = r.body.plan_id;
  });

  it('regenerating the same user/symbol/style bumps the version of the same plan_id', async () => {
    const r = await request(t.http).post('/gpt/plan').send({ symbol: 'AAPL', style: 'intraday' }).expect(200);
    expect(r.body.plan_id).toBe(firstId);
    expect(r.body.version).toBe(2);
  });

  it('X-Simulate-Open: 1 sets meta.simulated_open and a "Simulated live" banner', async () => {
    const r = await request(t.http).post('/gpt/plan').set('X-Simulate-Open', '1').send({ symbol: 'AAPL', style: 'intraday' }).expect(200);
    expect(r.body.meta.simulated_open).toBe(true);
    expect(r.body.banners.join(' ')).toMatch(/Simulated live — analysis as of 2026-11-20 11:00 ET/);
  });

  it('answers "no_setup" honestly (plan_id null, why each playbook did not fire) and persists nothing', async () => {
    const r = await request(t.http).post('/gpt/plan').send({ symbol: 'QQQ', style: 'intraday' }).expect(200);
    expect(r.body.status).toBe('no_setup');
    expect(r.body.plan_id).toBeNull();
    expect(r.body.not_fired.length + r.body.rejected_setups.length).toBe(playbooksForStyle('intraday').length);
    expect(await store.findLatest('anonymous', 'QQQ', 'intraday')).toBeNull();
  });

  it.each([
    [{ symbol: 'SP$Y' }, 'symbol'],
    [{ symbol: '' }, 'symbol'],
    [{ symbol: 'SPY', style: 'weekly' }, 'style'],
    [{ symbol: 'SPY', extra: 1 }, 'extra'],
  ])('400 naming the field for %j', async (body, field) => {
    const r = await request(t.http).post('/gpt/plan').send(body).expect(400);
    expect(r.body.error).toBe('validation_failed');
    expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  describe('scenario plans', () => {
    it('creates a frozen scenario beside the live plan and adopts it as a new version of the live plan', async () => {
      const live = await store.findLatest('anonymous', 'AAPL', 'intraday', 'live');
      const s = await request(t.http).post('/gpt/plan/scenario').send({ symbol: 'AAPL', style: 'intraday' }).expect(200);
      expect(s.body.kind).toBe('scenario');
      expect(s.body.frozen).toBe(true);
      expect(s.body.plan_id).not.toBe(live!.plan_id);
      expect(s.body.scenario_of).toBe(live!.plan_id);
      const list = await request(t.http).get('/gpt/plan/scenarios').query({ symbol: 'aapl' }).expect(200);
      expect(list.body.scenarios.map((x: { plan_id: string }) => x.plan_id)).toContain(s.body.plan_id);
      const a = await request(t.http).post(`/gpt/plan/${s.body.plan_id}/adopt`).expect(200);
      expect(a.body.plan_id).toBe(live!.plan_id);
      expect(a.body.version).toBe(live!.plan_version + 1);
      expect(a.body.kind).toBe('live');
      expect(a.body.adopted_from).toEqual({ plan_id: s.body.plan_id, version: 1 });
      expect(a.body.entry).toBe(s.body.entry);
    });
    it('adopting a live plan is a 409, an unknown id a 404, a malformed id a 400', async () => {
      const live = await store.findLatest('anonymous', 'AAPL', 'intraday', 'live');
      await request(t.http).post(`/gpt/plan/${live!.plan_id}/adopt`).expect(409);
      await request(t.http).post('/gpt/plan/SPY-intraday-20261120-aaaaaa/adopt').expect(404);
      const r = await request(t.http).post('/gpt/plan/not-a-plan/adopt').expect(400);
      expect(r.body.details[0].field).toBe('plan_id');
    });
  });
});
