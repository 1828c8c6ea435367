/**
 * The daily ATM-IV series (issue 16) on both stores: written once per session, read back exactly,
 * IV rank/percentile from a recorded 300-day series equal to a computation written here from the raw
 * series, and a replayed symbol's volatility block naming the synthetic IV source with a banner.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { previousTradingDay } from '../../src/core/session/nyse-calendar';
import { IV_HISTORY, type IvHistoryApi } from '../../src/persistence/iv-history.types';
import { fixturePath } from '../support/fixtures';
import { storageEnv, storageTargets } from '../support/postgres';
import { createTestApp, tempDataDir, TestApp } from '../support/test-app';

/**
 * Replay folder with the recorded SPY daily bars (the replay clock stands after 2021-03-31's close);
 * IWM and DIA replay the same file (their bars are not what these tests check; it saves generating
 * synthetic history).
 */
function replayDir(): string {
  const dir = tempDataDir('tc-ivh-replay-');
  for (const sym of ['SPY', 'IWM', 'DIA']) fs.symlinkSync(fixturePath('bars', 'lean_spy_1d_raw_1998-01-02_2021-03-31.csv'), path.join(dir, `${sym}_1D.csv`));
  return dir;
}

/** 300 trading days before `day`, oldest first, with a deterministic wandering IV (fraction). */
function series300(day: string): Array<{ day: string; iv: number }> {
  const days: string[] = [];
  for (let d = previousTradingDay(day); days.length < 300; d = previousTradingDay(d)) days.push(d);
  days.reverse();
  let x = 0.2;
  let seed = 7;
  return days.map((d) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    x = Math.min(0.6, Math.max(0.1, x + (seed / 2147483648 - 0.5) * 0.02));
    return { day: d, iv: x };
  });
}

describe.each(storageTargets())('ATM-IV history on the %s store', (target) => {
  let t: TestApp;
  let store: IvHistoryApi;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const s = await storageEnv(target, tempDataDir('tc-ivh-'));
    cleanup = s.cleanup;
    t = await createTestApp({ ...s.env, REPLAY_DATA_DIR: replayDir(), REPLAY_CLOCK: 'end' });
    store = t.app.get(IV_HISTORY);
  });
  afterAll(async () => {
    await t?.close();
    await cleanup?.();
  });

  it('a replayed symbol’s volatility block names the synthetic IV source, carries a banner, and records the session', async () => {
    const res = await request(t.http)
      .post('/gpt/multi-context')
      .send({ symbol: 'SPY', intervals: ['1D'] })
      .expect(200);
    const v = res.body.volatility_regime;
    expect(res.body.data_source).toBe('replay');
    expect(v.sources).toMatchObject({ iv: 'synthetic', hv: 'replay', skew: 'synthetic', term_structure: 'synthetic', expected_move: 'synthetic', iv_rank: 'hv20_proxy' });
    expect(v.banner).toMatch(/^SYNTHETIC VOLATILITY — IV, skew and term structure from the synthetic option chain/);
    expect(v.banner).toMatch(/HV from replayed bars/);
    expect(v.iv_atm).toBeGreaterThan(0);
    expect(v.skew.rr_25d).not.toBeNull();
    expect(v.skew_25d).toBe(v.skew.rr_25d);
    expect(v.term_structure.points.length).toBeGreaterThanOrEqual(3);
    // every null field is explained
    for (const k of ['iv_rank', 'iv_percentile', 'hv_20', 'hv_60', 'hv_120', 'iv_to_hv_ratio', 'skew_25d', 'spot']) {
      if (v[k] === null) expect(v.notes.some((n: string) => n.startsWith(`${k}:`))).toBe(true);
    }
    const h = await request(t.http).get('/api/v1/iv-history/SPY').expect(200);
    expect(h.body.days).toEqual([expect.objectContaining({ day: '2021-03-31', source: 'synthetic', at_close: true, iv_atm: v.iv_atm })]);
    expect(h.body.banner).toMatch(/synthetic/);
  });

  it('IV rank and percentile from a recorded 300-day series equal the computation from the raw series', async () => {
    const raw = series300('2021-03-31');
    const written = await store.recordMany(raw.map((p) => ({ symbol: 'IWM', day: p.day, iv: p.iv, source: 'tradier', method: 'interpolated', expirations: [], at_close: true })));
    expect(written).toBe(300);
    const back = await store.series('IWM');
    expect(back.map((b) => [b.day, b.iv])).toEqual(raw.map((p) => [p.day, p.iv])); // exact floats back

    const v = (
      await request(t.http)
        .post('/gpt/multi-context')
        .send({ symbol: 'IWM', intervals: ['1D'] })
        .expect(200)
    ).body.volatility_regime;
    expect(v.iv_rank_basis).toBe('atm_iv_history');
    expect(v.sources.iv_rank).toBe('atm_iv_history');
    expect(v.sources.iv_history).toEqual(['tradier']);
    // independent: the window is the last 251 recorded days plus today's IV (252 observations)
    const today = v.iv_atm as number; // percent, 4 dp
    const window = [...raw.slice(-251).map((p) => p.iv * 100), today];
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of window) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    const rank = ((today - lo) / (hi - lo)) * 100;
    let below = 0;
    for (let i = 0; i < 251; i++) if (window[i] < today) below++;
    const pct = (below / 251) * 100;
    expect(v.iv_history_days).toBe(251);
    expect(Math.abs(v.iv_rank - rank)).toBeLessThan(0.006);
    expect(Math.abs(v.iv_percentile - pct)).toBeLessThan(0.006);
  });

  it('fewer than 60 recorded days: hv20 proxy, labelled, with the day count', async () => {
    const raw = series300('2021-03-31').slice(-59);
    await store.recordMany(raw.map((p) => ({ symbol: 'DIA', day: p.day, iv: p.iv, source: 'tradier', method: 'interpolated', expirations: [], at_close: true })));
    const v = (
      await request(t.http)
        .post('/gpt/multi-context')
        .send({ symbol: 'DIA', intervals: ['1D'] })
        .expect(200)
    ).body.volatility_regime;
    expect(v.iv_rank_basis).toBe('hv20_proxy');
    expect(v.iv_history_days).toBe(59);
    expect(v.notes).toContain('IV rank/percentile use HV20 as a proxy: 59 of the 60 days of recorded ATM IV needed');
  });

  it('a session is written once: intraday values are replaced, the closing value is kept', async () => {
    const p = { symbol: 'XLF', day: '2021-03-30', source: 'tradier', method: 'interpolated', expirations: ['2021-04-16', '2021-05-21'] };
    expect(await store.record({ ...p, iv: 0.2, at_close: false })).toBe(true);
    expect(await store.record({ ...p, iv: 0.21, at_close: false })).toBe(true);
    expect(await store.record({ ...p, iv: 0.22, at_close: true })).toBe(true);
    expect(await store.record({ ...p, iv: 0.23, at_close: true })).toBe(false);
    expect(await store.record({ ...p, iv: 0.24, at_close: false })).toBe(false);
    const s = await store.series('xlf');
    expect(s).toEqual([expect.objectContaining({ day: '2021-03-30', iv: 0.22, at_close: true, expirations: p.expirations })]);
  });

  it('on-demand recording via POST /api/v1/iv-history/record, and its analysed-symbol universe', async () => {
    const r = await request(t.http)
      .post('/api/v1/iv-history/record')
      .send({ symbols: ['qqq'] })
      .expect(200);
    expect(r.body.results).toEqual([expect.objectContaining({ symbol: 'QQQ', day: '2021-03-31', source: 'synthetic', written: true })]);
    expect(await store.tracked()).toEqual(expect.arrayContaining(['SPY', 'IWM', 'DIA']));
    const all = await request(t.http).post('/api/v1/iv-history/record').send({}).expect(200);
    expect(all.body.results.map((x: { symbol: string }) => x.symbol)).toEqual(expect.arrayContaining(['SPY', 'IWM', 'DIA']));
  });

  it('bad input → 400 naming the field; backfill without a vendor says so', async () => {
    await expect(store.record({ symbol: 'SPY', day: '2021-3-1', iv: 0.2, source: 'x', method: 'exact', expirations: [], at_close: true })).rejects.toMatchObject({ status: 400 });
    await expect(store.record({ symbol: 'SPY', day: '2021-03-01', iv: Number.NaN, source: 'x', method: 'exact', expirations: [], at_close: true })).rejects.toMatchObject({ status: 400 });
    const bad = await request(t.http).get('/api/v1/iv-history/SPY?from=yesterday').expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('from');
    await request(t.http).get('/api/v1/iv-history/$$$').expect(400);
    const b = await request(t.http).post('/api/v1/iv-history/SPY/backfill').send({ from: '2020-01-02', to: '2020-12-31' }).expect(200);
    expect(b.body).toMatchObject({ symbol: 'SPY', vendor: null, written: 0 });
  });
});
