/**
 * Index mode on the embedded default (no keys): the synthetic provider has SPY bars but no SPX bars
 * and no SPX option chain, so an SPX plan runs on SPY bars × the measured ratio and its contracts
 * execute through SPY with execution_proxy and the settlement note.
 */
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app';

/** Monday 2026-11-16 11:00 ET: regular session; an intraday playbook fires on synthetic SPY. */
const NOW = Date.parse('2026-11-16T16:00:00Z');

describe('SPX plan with only SPY bars (embedded default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { clockMs: NOW });
  });
  afterAll(async () => t?.close());

  it('translates SPY levels by the stated live ratio and labels the proxy', async () => {
    const spy = (await request(t.http).post('/gpt/plan').send({ symbol: 'SPY', style: 'intraday' }).expect(200)).body;
    const spx = (await request(t.http).post('/gpt/plan').send({ symbol: 'I:SPX', style: 'intraday' }).expect(200)).body;
    expect(spy.status).toBe('ok');
    expect(spx).toMatchObject({ status: 'ok', symbol: 'SPX', strategy_id: spy.strategy_id, direction: spy.direction });
    expect(spx.data_source).toBe('proxy:SPY:synthetic');
    expect(spx.banners[0]).toMatch(/^Index bars unavailable — translating via ETF proxy/);
    expect(spx.banners.join(' ')).toMatch(/SYNTHETIC DATA/);
    const im = spx.index_mode;
    expect(im).toMatchObject({ index: 'SPX', proxy: 'SPY', bars: 'proxy_translated', feed_health: { index_bars: 'failed', proxy_bars: 'healthy' } });
    expect(im.ratio).toMatchObject({ source: 'synthetic+synthetic', method: 'quote_vs_1m_close' });
    expect(Date.parse(im.ratio.as_of)).toBeLessThanOrEqual(NOW);
    expect(NOW - Date.parse(im.ratio.as_of)).toBeLessThan(5 * 60_000); // live, not a stored constant
    const ratio: number = im.ratio.ratio;
    expect(ratio).not.toBe(10);
    // bars are translated to 0.01 before the plan is built, so a level differs from SPY × ratio by at
    // most half a cent plus the SPY level's own rounding (½ cent × ratio)
    const tol = 0.005 + 0.005 * ratio + 1e-9;
    expect(Math.abs(spx.last_price - spy.last_price * ratio)).toBeLessThanOrEqual(tol);
    expect(Math.abs(spx.entry - spy.entry * ratio)).toBeLessThanOrEqual(tol);
    expect(Math.abs(spx.stop - spy.stop * ratio)).toBeLessThanOrEqual(tol);
    // proxy terms stated on the plan: level ÷ ratio
    expect(im.translated_levels.entry).toBeCloseTo(spx.entry / ratio, 2);
    expect(Math.abs(im.translated_levels.entry - spy.entry)).toBeLessThanOrEqual(0.011);
    // the plan's own option picks execute via SPY and say so
    expect(spx.options_contracts.length).toBeGreaterThan(0);
    for (const c of spx.options_contracts) expect(c.symbol).toMatch(/^SPY\d{6}[CP]\d{8}$/);
    expect(spx.options_note).toMatch(/Index chain degraded — executing via SPY/);
    expect(spx.options_note).toMatch(/American/);

    // /gpt/contracts for the plan: SPY contracts with execution_proxy, translated levels and the settlement note
    const side = spx.direction === 'long' ? 'call' : 'put';
    const c = (await request(t.http).post('/gpt/contracts').send({ symbol: 'SPX', side, style: 'intraday', plan_id: spx.plan_id }).expect(200)).body;
    expect(c.best.length).toBeGreaterThan(0);
    for (const k of c.best) {
      expect(k.symbol).toMatch(/^SPY/);
      expect(k).toMatchObject({ multiplier: 100, settlement: 'physical', option_style: 'american' });
    }
    expect(c.execution_proxy).toMatchObject({ symbol: 'SPY', ratio: expect.any(Number), note: expect.stringContaining('SPX levels ÷') });
    expect(Math.abs(c.execution_proxy.ratio - ratio)).toBeLessThan(0.001);
    expect(c.translated_levels.entry).toBeCloseTo(spx.entry / c.execution_proxy.ratio, 2);
    expect(c.translated_levels.targets).toHaveLength(spx.targets.length);
    expect(c.fallback_banner).toMatch(/^Index chain degraded — executing via SPY/);
    expect(c.execution_notes.join(' ')).toMatch(/American and physically settled.*assignment/);
    expect(c.feed_health).toMatchObject({ index_chain: 'failed', proxy_chain: 'healthy' });
    expect(c.fallback_from).toBe('SPX_chain');
    // scenario P/L is measured in SPY terms from the translated entry
    expect(c.best[0].scenario.entry).toBeCloseTo(c.translated_levels.entry, 2);
  });

  it('an SPY request stays plain (no proxy fields)', async () => {
    const c = (await request(t.http).post('/gpt/contracts').send({ symbol: 'SPY', side: 'call', style: 'intraday' }).expect(200)).body;
    expect(c.execution_proxy).toBeUndefined();
    expect(c.fallback_banner).toBeUndefined();
  });
});
