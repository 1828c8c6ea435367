import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';

/** The scan and plan routes inside the full app (provider chain, embedded default data, auth, OpenAPI). */
describe('scan/plan wired into AppModule', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('POST /gpt/scan and /gpt/plan answer through the provider chain with a labelled data source', async () => {
    const s = await request(t.http)
      .post('/gpt/scan')
      .send({ universe: ['SPY', 'AAPL', 'MSFT', 'NVDA', 'AMZN'], style: 'intraday', simulate_open: true })
      .expect(200);
    expect(s.body.meta.universe_count).toBe(5);
    expect(s.body.candidates.length + s.body.no_setup_count + s.body.errors.length).toBe(5);
    const p = await request(t.http).post('/gpt/plan').send({ symbol: 'SPY', style: 'swing', simulate_open: true }).expect(200);
    expect(['ok', 'no_setup']).toContain(p.body.status);
    expect(typeof p.body.data_source).toBe('string');
    expect(p.body.meta.simulated_open).toBe(true);
  });

  it('the OpenAPI document lists the operations with their consequential flags', async () => {
    const doc = (await request(t.http).get('/openapi.json').expect(200)).body;
    const op = (path: string, m = 'post') => doc.paths[path]?.[m];
    expect(op('/gpt/scan').operationId).toBe('scanUniverse');
    expect(op('/gpt/scan')['x-openai-isConsequential']).toBe(false);
    expect(op('/gpt/plan').operationId).toBe('getPlan');
    expect(op('/gpt/plan/{plan_id}/adopt')['x-openai-isConsequential']).toBe(true);
    for (const path of ['/gpt/scan', '/gpt/plan', '/gpt/plan/scenario', '/gpt/plan/{plan_id}/adopt']) expect(op(path).summary.length).toBeLessThanOrEqual(300);
    const cand = doc.components.schemas.ScanCandidateDto.properties;
    for (const f of ['entry_distance_pct', 'entry_distance_atr', 'bars_to_trigger', 'actionable_soon', 'plan_id', 'version']) expect(cand).toHaveProperty(f);
    const plan = doc.components.schemas.PlanResponseDto.properties;
    for (const f of ['plan_layers', 'target_meta', 'tp_reasons', 'risk_block', 'execution_rules', 'confidence_factors', 'key_levels_used', 'options_contracts']) expect(plan).toHaveProperty(f);
  });
});
