import request from 'supertest';
import { CalibrationService } from '../../src/modules/calibration/calibration.service';
import { outcomeRow } from '../../src/core/stats/test-rows';
import { createTestApp, TestApp } from '../support/test-app';

const NOW = Date.parse('2026-11-20T16:05:00Z');

describe('plans state measured odds from replayed synthetic history (embedded default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CALIBRATION_ON_START: '1', CALIBRATION_SYMBOLS: 'SPY,QQQ,AAPL', CALIBRATION_DAYS: '20' }, { clockMs: NOW });
    await t.app.get(CalibrationService).settled();
  }, 180_000);
  afterAll(async () => t?.close());

  it('every plan states a measured TP1 rate with n ≥ 30 and its Wilson interval, or null with the reason; never a heuristic', async () => {
    const status = t.app.get(CalibrationService).statuses();
    expect(status).toEqual([expect.objectContaining({ source: 'synthetic', state: 'ready' })]);
    expect(status[0].rows).toBeGreaterThan(100);
    let measured = 0;
    let plans = 0;
    const measuredStyles = new Set<string>();
    for (const symbol of ['SPY', 'QQQ', 'AAPL', 'MSFT', 'NVDA', 'AMD', 'TSLA', 'IWM']) {
      for (const style of ['scalp', 'intraday', 'swing', 'leaps']) {
        const r = await request(t.http).post('/gpt/plan').send({ symbol, style }).expect(200);
        if (r.body.status !== 'ok') continue;
        plans++;
        const { probabilities: p, calibration_meta: m } = r.body;
        expect(m.event).toMatch(/touched before the stop/);
        if (p.tp1 === null) {
          expect(m).toMatchObject({ calibrated: false });
          expect(m.reason).toEqual(expect.any(String));
          continue;
        }
        measured++;
        measuredStyles.add(style);
        expect(m).toMatchObject({ calibrated: true, method: 'rr_adjusted_hit_rate', data_source: 'synthetic' });
        expect(m.n).toBeGreaterThanOrEqual(30);
        expect(m.ci95[0]).toBeLessThanOrEqual(p.tp1);
        expect(m.ci95[1]).toBeGreaterThanOrEqual(p.tp1);
        expect(Date.parse(m.window.to)).toBeLessThan(NOW); // only outcomes resolved before the plan
        expect(r.body.target_meta[0].prob_touch).toBe(p.tp1);
        if (p.tp2 !== null) expect(p.tp2).toBeLessThanOrEqual(p.tp1 + 1e-9);
      }
    }
    expect(plans).toBeGreaterThan(0);
    expect(measured).toBeGreaterThan(0);
    // the multi-day styles are calibrated too (one long hourly/daily synthetic history per symbol)
    expect(measuredStyles).toEqual(new Set(['scalp', 'intraday', 'swing', 'leaps']));
    // 32 plans, five of them on symbols the process has never seen (years of synthetic bars built on first use)
  }, 180_000);

  it('persists the run (plan_outcomes, playbook_stats): a restart states measured odds at once, without replaying', async () => {
    const rows = t.app.get(CalibrationService).statuses()[0].rows;
    const again = await createTestApp({ DATA_DIR: t.dataDir, CALIBRATION_ON_START: '0' }, { clockMs: NOW });
    try {
      expect(again.app.get(CalibrationService).statuses()).toEqual([expect.objectContaining({ source: 'synthetic', state: 'ready', rows })]);
      const r = await request(again.http).get('/gpt/playbooks').expect(200);
      expect(r.body.playbooks.some((p: { stats: unknown[] }) => p.stats.length > 0)).toBe(true);
    } finally {
      await again.close();
    }
  });
});

describe('GET /gpt/playbooks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { clockMs: NOW });
  });
  afterAll(async () => t?.close());

  it('lists every playbook with its rules in words and the measured statistics of each calibrated source, compactly', async () => {
    const svc = t.app.get(CalibrationService);
    const rows = Array.from({ length: 40 }, (_, i) =>
      outcomeRow({
        playbook: 'orb_retest',
        style: 'intraday',
        plan_time: NOW - 86_400_000 * (i + 2),
        resolved_at: NOW - 86_400_000 * (i + 1),
        tp_hit: [i % 4 === 0, false, false],
        r_after_costs: i % 4 === 0 ? 1.2 : -1.05,
      }),
    );
    svc.setRows('synthetic', rows);
    const r = await request(t.http).get('/gpt/playbooks').expect(200);
    expect(JSON.stringify(r.body).length).toBeLessThan(100_000);
    expect(r.body.event).toMatch(/touched before the stop/);
    const ids = r.body.playbooks.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['orb_retest', 'vwap_avwap', 'gap_fill_open', 'midday_mean_revert']));
    const orb = r.body.playbooks.find((p: { id: string }) => p.id === 'orb_retest');
    expect(orb.rules.trigger).toEqual(expect.any(String));
    // 10 of 40 hit TP1: rate 0.25, Wilson 95 % [0.1419, 0.4019] (hand-computed: centre (10+1.9208)/43.8415 = 0.2719, half-width 0.1300)
    expect(orb.stats).toEqual([expect.objectContaining({ source: 'synthetic', style: 'intraday', n: 40, tp1_rate: 0.25 })]);
    expect(orb.stats[0].tp1_ci95[0]).toBeCloseTo(0.1419, 3);
    expect(orb.stats[0].tp1_ci95[1]).toBeCloseTo(0.4019, 3);
    expect(orb.stats[0].edge).toBe('negative'); // mean R after costs −0.4875 with a tight interval below 0
  });
});
