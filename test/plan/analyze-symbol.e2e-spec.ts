import request from 'supertest';
import { analyzeSymbol, barRequirements, type BarsInput } from '../../src/core/analysis/analyze-symbol';
import type { Interval } from '../../src/core/bars/interval';
import { assemblePlan } from '../../src/core/plan/assemble-plan';
import { FixedClock, SyntheticMarketDataProvider } from '../../src/providers/embedded';
import { createTestApp, TestApp } from '../support/test-app';

/** A regular-session moment: 2026-11-20 11:05 ET. */
const NOW = Date.parse('2026-11-20T16:05:00Z');

/** The use case with no Nest container: bars from the embedded provider, then the pure core. */
async function planWithoutNest(symbol: string) {
  const market = new SyntheticMarketDataProvider({ clock: new FixedClock(NOW) });
  const req = barRequirements('intraday');
  const frames: Partial<Record<Interval, BarsInput>> = {};
  for (const r of req.intraday) frames[r.interval] = await market.getBars({ symbol, interval: r.interval, limit: r.limit, extendedHours: false });
  const daily = req.daily ? await market.getBars({ symbol, interval: '1D', limit: req.daily.limit }) : null;
  // the service ranks live plans with the quoted spread in their costs: the same quote here
  const q = await market.getQuote(symbol);
  const analysis = analyzeSymbol({ symbol, style: 'intraday', now_ms: NOW, frames, daily, spread: q.ask! - q.bid! });
  return assemblePlan(analysis, { kind: 'live' });
}

/**
 * Fields the HTTP path adds around the same plan: identity, permalink, the options lookup and the
 * enrichment block (I/O). The event gate's findings (event_risk, warnings, banners) are compared: none
 * of these plans has an event in its window on the synthetic calendar.
 */
const ADDED_BY_SERVICE = ['plan_id', 'version', 'plan_version', 'idea_url', 'options_contracts', 'options_note', 'enrichment'];

describe('analyzeSymbol: the same plan without Nest as through POST /gpt/plan', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { clockMs: NOW });
  });
  afterAll(async () => t?.close());

  it('builds field for field the plan the service returns on the same bars', async () => {
    let compared = 0;
    for (const symbol of ['AAPL', 'SPY', 'MSFT', 'QQQ', 'NVDA', 'AMD', 'TSLA', 'IWM']) {
      const direct = await planWithoutNest(symbol);
      const r = await request(t.http).post('/gpt/plan').send({ symbol, style: 'intraday' }).expect(200);
      if (!direct) {
        expect(r.body.status).toBe('no_setup');
        continue;
      }
      expect(r.body.status).toBe('ok');
      const viaHttp = { ...r.body, plan_layers: { ...r.body.plan_layers } };
      for (const k of ADDED_BY_SERVICE) delete viaHttp[k];
      delete viaHttp.plan_layers.plan_id;
      expect(viaHttp).toEqual(JSON.parse(JSON.stringify(direct.plan, (k, v) => (ADDED_BY_SERVICE.includes(k) ? undefined : v))));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(2);
  });
});
