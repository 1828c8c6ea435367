/**
 * INDEX_SNIPER_MODE=1: a SPY plan (executed in SPY, on SPY bars) also states its levels in SPX terms,
 * with the measured ratio; without the flag the field is absent. Levels are the plan's own × the stated
 * ratio to the cent, so a trader watching SPX sees the same plan.
 */
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app';

/** Monday 2026-11-16 11:00 ET: regular session; an intraday playbook fires on synthetic SPY. */
const NOW = Date.parse('2026-11-16T16:00:00Z');
const cents = (x: number) => Math.round(x * 100) / 100;

describe('INDEX_SNIPER_MODE', () => {
  let on: TestApp;
  let off: TestApp;
  beforeAll(async () => {
    on = await createTestApp({ INDEX_SNIPER_MODE: '1' }, { clockMs: NOW });
    off = await createTestApp({}, { clockMs: NOW });
  });
  afterAll(async () => {
    await on?.close();
    await off?.close();
  });

  it('SPY plans state SPX-equivalent levels (level × the live ratio) with the ratio; the plan itself is unchanged', async () => {
    const spy = (await request(on.http).post('/gpt/plan').send({ symbol: 'SPY', style: 'intraday' }).expect(200)).body;
    expect(spy.status).toBe('ok');
    expect(spy.symbol).toBe('SPY');
    const eq = spy.index_equivalent;
    expect(eq).toMatchObject({ index: 'SPX', reason: null, ratio: { method: expect.stringMatching(/^(aligned_1m_spot|quote_vs_1m_close)$/) } });
    const r: number = eq.ratio.ratio;
    expect(r).toBeGreaterThan(5);
    expect(r).not.toBe(10);
    expect(NOW - Date.parse(eq.ratio.as_of)).toBeLessThan(5 * 60_000);
    expect(eq.levels).toEqual({ entry: cents(spy.entry * r), stop: cents(spy.stop * r), targets: spy.targets.map((t: number) => cents(t * r)) });
    // the stored plan says the same
    const stored = (await request(on.http).get(`/idea/${spy.plan_id}`).expect(200)).body;
    expect(stored.plan?.index_equivalent ?? stored.index_equivalent).toEqual(eq);

    const plain = (await request(off.http).post('/gpt/plan').send({ symbol: 'SPY', style: 'intraday' }).expect(200)).body;
    expect(plain.index_equivalent).toBeUndefined();
    expect([plain.entry, plain.stop, plain.targets]).toEqual([spy.entry, spy.stop, spy.targets]);
  });

  it('a stock that proxies no index gets nothing', async () => {
    const aapl = (await request(on.http).post('/gpt/plan').send({ symbol: 'AAPL', style: 'intraday' }).expect(200)).body;
    expect(aapl.index_equivalent).toBeUndefined();
  });
});
