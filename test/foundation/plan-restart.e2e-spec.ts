import request from 'supertest';
import { storageEnv, storageTargets } from '../support/postgres';
import { createTestApp, tempDataDir } from '../support/test-app';

const NOW = Date.parse('2024-06-12T15:10:00Z'); // Wednesday 11:10 ET, regular session
const UNIVERSE = ['SPY', 'QQQ', 'AAPL', 'MSFT', 'NVDA', 'AMD', 'TSLA', 'META', 'AMZN', 'GOOGL', 'NFLX', 'IWM'];

describe.each(storageTargets())('a plan returned by /gpt/scan is readable after a restart (%s store)', (target) => {
  let env: Record<string, string> = {};
  let cleanup: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    ({ env, cleanup } = await storageEnv(target, tempDataDir()));
  });
  afterAll(() => cleanup());

  it('plan_id → /idea/{plan_id} and /api/v1/gpt/chart-layers, unchanged after the process restarts', async () => {
    const first = await createTestApp(env, { clockMs: NOW });
    let plan: any;
    try {
      const scan = await request(first.http).post('/gpt/scan').set('X-User-Id', 'carol').send({ universe: UNIVERSE, style: 'intraday' }).expect(200);
      const list = scan.body.candidates;
      expect(Array.isArray(list) && list.length).toBeTruthy();
      plan = list[0];
      expect(plan.plan_id).toMatch(/^[A-Z]+-intraday-20240612-[a-z2-7]{6}$/);
    } finally {
      await first.close();
    }
    const second = await createTestApp(env, { clockMs: NOW });
    try {
      const idea = await request(second.http).get(`/idea/${plan.plan_id}`).set('X-User-Id', 'carol').expect(200);
      expect(idea.body.plan_version).toBe(plan.version ?? plan.plan_version);
      for (const k of ['entry', 'stop', 'symbol', 'direction']) expect(idea.body.plan[k]).toEqual(plan[k]);
      expect(idea.body.plan.targets).toEqual(plan.tps); // scan candidates name the ladder `tps` (reference naming)
      const layers = await request(second.http).get('/api/v1/gpt/chart-layers').query({ plan_id: plan.plan_id }).set('X-User-Id', 'carol').expect(200);
      expect(layers.body.plan_id).toBe(plan.plan_id);
      expect(layers.body.levels.length).toBeGreaterThan(0);
      await request(second.http).get(`/idea/${plan.plan_id}`).set('X-User-Id', 'dave').expect(404);
    } finally {
      await second.close();
    }
  });
});
