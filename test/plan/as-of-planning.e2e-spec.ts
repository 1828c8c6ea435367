import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';

/** 2026-11-20 (Friday) 11:07:30 ET — in the middle of the 11:05 five-minute bar. */
const T = Date.parse('2026-11-20T16:07:30Z');
const SYMBOLS = ['AAPL', 'SPY', 'MSFT', 'QQQ', 'NVDA', 'AMD', 'TSLA', 'IWM'];
const GEOMETRY = ['strategy_id', 'direction', 'entry', 'stop', 'targets', 'rr_to_t1', 'interval'];

describe('historical as-of planning and closed bars only', () => {
  let live: TestApp;
  let later: TestApp;
  beforeAll(async () => {
    live = await createTestApp({}, { clockMs: T });
    later = await createTestApp({}, { clockMs: T + 3 * 86_400_000 });
  });
  afterAll(async () => {
    await live?.close();
    await later?.close();
  });

  it('a plan called mid-bar is built on the last closed bar only', async () => {
    let fired = 0;
    for (const symbol of SYMBOLS) {
      const r = await request(live.http).post('/gpt/plan').send({ symbol, style: 'intraday' }).expect(200);
      if (r.body.status !== 'ok') continue;
      fired++;
      // the 5m bar starting 11:05 ET is still forming at 11:07:30: the last usable bar starts at 11:00
      expect(Date.parse(r.body.meta.as_of_bar_time) + 5 * 60_000).toBeLessThanOrEqual(T);
    }
    expect(fired).toBeGreaterThan(0);
  });

  it('as_of T three days later gives the plan the service gave live at T, labelled historical, without touching the live plan', async () => {
    let compared = 0;
    for (const symbol of SYMBOLS) {
      const a = await request(live.http).post('/gpt/plan').send({ symbol, style: 'intraday' }).expect(200);
      const livePlanLater = await request(later.http).post('/gpt/plan').send({ symbol, style: 'intraday' }).expect(200);
      const h = await request(later.http)
        .post('/gpt/plan')
        .send({ symbol, style: 'intraday', as_of: new Date(T).toISOString() })
        .expect(200);
      expect(h.body.status).toBe(a.body.status);
      if (a.body.status !== 'ok') continue;
      compared++;
      for (const f of GEOMETRY) expect([f, h.body[f]]).toEqual([f, a.body[f]]);
      expect(h.body.meta.as_of_bar_time).toBe(a.body.meta.as_of_bar_time);
      expect(h.body).toMatchObject({ planning_context: 'historical', kind: 'historical', frozen: true, as_of: new Date(T).toISOString() });
      expect(h.body.banners.join(' ')).toMatch(/HISTORICAL/);
      // a historical snapshot never replaces the live plan
      if (livePlanLater.body.status === 'ok') {
        expect(h.body.plan_id).not.toBe(livePlanLater.body.plan_id);
        const again = await request(later.http).post('/gpt/plan').send({ symbol, style: 'intraday' }).expect(200);
        expect(again.body.plan_id).toBe(livePlanLater.body.plan_id);
      }
      const stored = await request(later.http).get(`/idea/${h.body.plan_id}`).expect(200);
      expect(stored.body.kind).toBe('historical');
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('rejects an as_of without a zone with a 400, and one in the future, before 1998 or on no calendar day with a 422, naming the field', async () => {
    for (const as_of of ['2026-11-20 10:00', 'yesterday', '2026-11-20T25:00:00Z']) {
      const r = await request(later.http).post('/gpt/plan').send({ symbol: 'SPY', style: 'intraday', as_of }).expect(400);
      expect(r.body.details.map((d: { field: string }) => d.field)).toEqual(['as_of']);
    }
    for (const as_of of [new Date(T + 3 * 86_400_000 + 3_600_000).toISOString(), '1997-12-31T15:00:00Z', '2026-02-30T15:00:00Z']) {
      const r = await request(later.http).post('/gpt/plan').send({ symbol: 'SPY', style: 'intraday', as_of }).expect(422);
      expect(r.body).toMatchObject({ error: 'unprocessable_request', details: [{ field: 'as_of' }] });
    }
  });
});
