import request from 'supertest';
import { IDEA_STORE, type IdeaStoreApi } from '../../src/persistence/idea-store.types';
import { MAX_UNIVERSE } from '../../src/modules/scan/dto/scan-request.dto';
import { expectValidGeometry } from './support/geometry';
import { createPlanTestApp, PlanTestApp } from './support/plan-test-app';

const NOW = '2026-11-20T16:00:00Z'; // Friday 11:00 ET, regular session
const TWENTY = 'SPY QQQ AAPL MSFT NVDA TSLA AMZN META GOOGL AMD NFLX JPM XOM BA DIS IWM DIA INTC CSCO ORCL'.split(' ');

/** Scan-candidate fields of the contract (spec README §1 "scan candidate fields" + reference §1.2). */
const CANDIDATE_FIELDS = [
  'symbol',
  'rank',
  'score',
  'reasons',
  'plan_id',
  'version',
  'entry',
  'stop',
  'tps',
  'rr_t1',
  'confidence',
  'target_meta',
  'tp_reasons',
  'key_levels_used',
  'risk_block',
  'execution_rules',
  'confluence',
  'options_contracts',
  'options_note',
  'entry_distance_pct',
  'entry_distance_atr',
  'bars_to_trigger',
  'actionable_soon',
  'strategy_id',
  'direction',
  'indicators',
  'overlays',
  'data_source',
  'as_of',
];
const PAGE_FIELDS = ['as_of', 'planning_context', 'banner', 'meta', 'candidates', 'count_candidates', 'next_cursor', 'errors', 'no_setup', 'warnings'];

describe('POST /gpt/scan (embedded synthetic data, real idea store)', () => {
  let t: PlanTestApp;
  let store: IdeaStoreApi;
  beforeAll(async () => {
    t = await createPlanTestApp(NOW);
    store = t.app.get(IDEA_STORE);
  });
  afterAll(async () => t?.close());

  it('20 tickers: ranked, geometrically valid, persisted plans with every field', async () => {
    const r = await request(t.http).post('/gpt/scan').send({ universe: TWENTY, style: 'intraday' }).expect(200);
    for (const f of PAGE_FIELDS) expect(r.body).toHaveProperty(f);
    const c = r.body.candidates as Array<Record<string, any>>;
    expect(c.length).toBeGreaterThan(3);
    expect(c.length + r.body.no_setup_count + r.body.errors.length).toBe(20);
    c.forEach((x, k) => {
      for (const f of CANDIDATE_FIELDS) expect(x).toHaveProperty(f);
      expect(x.rank).toBe(k + 1);
      if (k) expect(x.score).toBeLessThanOrEqual(c[k - 1].score);
      expectValidGeometry({ ...x, targets: x.tps, rr_to_t1: x.rr_t1 } as never);
      expect(x.entry_distance_pct).toBeGreaterThanOrEqual(0);
    });
    for (const x of c) {
      const rec = await store.get('anonymous', x.plan_id);
      expect(rec.plan_version).toBe(x.version);
      expect(rec.payload.entry).toBe(x.entry);
    }
    expect(r.body.meta.data_sources).toEqual(['synthetic']);
    expect(r.body.banners.join(' ')).toMatch(/SYNTHETIC DATA/);
  });

  it('accepts up to 500 tickers', () => expect(MAX_UNIVERSE).toBe(500));

  it.each([
    [{ universe: [], style: 'intraday' }, 'universe'],
    [{ universe: Array.from({ length: MAX_UNIVERSE + 1 }, (_, i) => `T${i}`), style: 'intraday' }, 'universe'],
    [{ universe: ['SPY'], style: 'hourly' }, 'style'],
    [{ universe: ['SPY', 'BAD TICKER!'], style: 'intraday' }, 'universe'],
    [{ universe: ['SPY'] }, 'style'],
    [{ universe: ['SPY'], style: 'intraday', limit: 0 }, 'limit'],
    [{ universe: ['SPY'], style: 'intraday', cursor: 'not a cursor!' }, 'cursor'],
  ])('400 naming the field: %#', async (body, field) => {
    const r = await request(t.http).post('/gpt/scan').send(body).expect(400);
    expect(r.body.error).toBe('validation_failed');
    expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it.each([
    // fits the published schema, names nothing: 422 naming the field
    [{ universe: ['SPY'], style: 'intraday', cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
    [{ universe: ['SPY', 'TOP300'], style: 'intraday' }, 'universe'],
    [{ universe: ['SPY'], style: 'intraday', as_of: '2026-02-30T15:00:00Z' }, 'as_of'],
  ])('422 naming the field: %#', async (body, field) => {
    const r = await request(t.http).post('/gpt/scan').send(body).expect(422);
    expect(r.body.error).toBe('unprocessable_request');
    expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('a ticker whose data fails is listed in errors; the others are still scanned', async () => {
    t.port.failing.add('NVDA');
    try {
      const r = await request(t.http)
        .post('/gpt/scan')
        .send({ universe: ['AAPL', 'NVDA', 'AMZN'], style: 'intraday' })
        .expect(200);
      expect(r.body.errors).toEqual([{ symbol: 'NVDA', code: 'upstream', message: expect.stringContaining('simulated outage') }]);
      expect(r.body.candidates.map((x: { symbol: string }) => x.symbol).sort()).toEqual(['AAPL', 'AMZN']);
    } finally {
      t.port.failing.clear();
    }
  });
});
