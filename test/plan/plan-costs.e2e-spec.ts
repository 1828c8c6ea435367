import request from 'supertest';
import { MarketDataService } from '../../src/providers/chain';
import { createTestApp, TestApp } from '../support/test-app';

/** 2026-11-20 11:05 ET, market open. */
const NOW = Date.parse('2026-11-20T16:05:00Z');

describe('the ranking pays commission, slippage and the quoted spread', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { clockMs: NOW });
  });
  afterAll(async () => t?.close());

  it('live plans: cost_r = (2 × (1¢ + 1¢) + spread) / risk with the fresh two-sided quote; as_of plans pay no quote of today', async () => {
    let checked = 0;
    for (const symbol of ['SPY', 'QQQ', 'AAPL', 'MSFT', 'NVDA', 'TSLA', 'AMD', 'IWM']) {
      const r = await request(t.http).post('/gpt/plan').send({ symbol, style: 'intraday' }).expect(200);
      if (r.body.status !== 'ok') continue;
      const q = await t.app.get(MarketDataService).getQuote(symbol);
      const spread = q.ask! - q.bid!;
      expect(spread).toBeGreaterThan(0);
      const risk = Math.abs(r.body.entry - r.body.stop);
      const c = r.body.meta.composite_components;
      expect(c.cost_r).toBeCloseTo((0.04 + spread) / risk, 3);
      // expectancy after costs as stated, and the score built from it
      expect(c.expected_r_after_costs).toBeCloseTo(c.probability * c.risk_reward - (1 - c.probability) - c.cost_r, 3);
      const historical = await request(t.http)
        .post('/gpt/plan')
        .send({ symbol, style: 'intraday', as_of: new Date(NOW - 3_600_000).toISOString() })
        .expect(200);
      if (historical.body.status === 'ok') expect(historical.body.meta.composite_components.cost_r).toBeCloseTo(0.04 / Math.abs(historical.body.entry - historical.body.stop), 3);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
