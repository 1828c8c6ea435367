import * as fs from 'node:fs';
import request from 'supertest';
import { createTestApp, tempDataDir } from '../support/test-app';
import { firstFiredPlan, NOW_MS } from './acceptance-support';

/**
 * A new user's first session, end to end through HTTP on the embedded defaults: an empty DATA_DIR,
 * their own key, a plan, the plan read back by /idea, its chart layers, then the process restarts
 * on the same DATA_DIR and everything is still there, unchanged — and invisible to another user.
 */
const KEYS = 'newbie-key-0001:newbie,other-key-0002:other';
const NEWBIE = { Authorization: 'Bearer newbie-key-0001' };
const OTHER = { Authorization: 'Bearer other-key-0002' };

describe('new user: plan → /idea → chart-layers → restart → still readable', () => {
  const dataDir = tempDataDir('tc-acceptance-newuser-');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a plan and its layers across a restart on the same DATA_DIR', async () => {
    expect(fs.readdirSync(dataDir)).toEqual([]);
    const env = { DATA_DIR: dataDir, BACKEND_API_KEYS: KEYS };

    const first = await createTestApp(env, { clockMs: NOW_MS });
    let plan: Awaited<ReturnType<typeof firstFiredPlan>>;
    let idea: any;
    let layers: any;
    try {
      await request(first.http).get('/health/ready').expect(200);
      plan = await firstFiredPlan(first, NEWBIE);
      expect(plan.plan_id).toMatch(new RegExp(`^${plan.symbol.replace('.', '\\.')}-${plan.style}-20240612-[a-z2-7]{6}$`));
      expect(plan.version).toBe(1);
      expect(plan.body.data_source).toBe('synthetic');
      expect(plan.body.plan_layers?.levels?.length).toBeGreaterThan(0); // spec §2: plan_layers is returned

      idea = (await request(first.http).get(`/idea/${plan.plan_id}`).set(NEWBIE).expect(200)).body;
      expect(idea.plan_id).toBe(plan.plan_id);
      expect(idea.version).toBe(1);
      for (const k of ['entry', 'stop', 'targets', 'direction', 'symbol', 'data_source', 'as_of']) expect({ [k]: idea.plan[k] }).toEqual({ [k]: plan.body[k] });

      layers = (await request(first.http).get('/api/v1/gpt/chart-layers').query({ plan_id: plan.plan_id }).set(NEWBIE).expect(200)).body;
      expect(layers.plan_id).toBe(plan.plan_id);
      expect(layers.levels.length).toBeGreaterThan(0);
      // The stop and entry the plan states are drawn on its chart.
      const prices = layers.levels.map((l: { price: number }) => l.price);
      expect(prices).toEqual(expect.arrayContaining([plan.body.entry, plan.body.stop]));

      await request(first.http).get(`/idea/${plan.plan_id}`).set(OTHER).expect(404);
      await request(first.http).get(`/idea/${plan.plan_id}`).expect(401);
    } finally {
      await first.close();
    }
    expect(fs.readdirSync(dataDir).length).toBeGreaterThan(0); // the embedded store wrote to DATA_DIR

    const second = await createTestApp(env, { clockMs: NOW_MS + 86_400_000 });
    try {
      const again = await request(second.http).get(`/idea/${plan.plan_id}`).set(NEWBIE).expect(200);
      expect(again.body).toEqual(idea);
      const v1 = await request(second.http).get(`/idea/${plan.plan_id}/1`).set(NEWBIE).expect(200);
      expect(v1.body.plan).toEqual(idea.plan);
      const layersAgain = await request(second.http).get('/api/v1/gpt/chart-layers').query({ plan_id: plan.plan_id }).set(NEWBIE).expect(200);
      expect(layersAgain.body).toEqual(layers);
      await request(second.http).get(`/idea/${plan.plan_id}`).set(OTHER).expect(404);
    } finally {
      await second.close();
    }
  }, 120_000);
});
