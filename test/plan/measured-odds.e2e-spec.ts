import request from 'supertest';
import { CalibrationService } from '../../src/modules/calibration/calibration.service';
import { createTestApp, TestApp } from '../support/test-app';

const NOW = Date.parse('2026-11-20T16:05:00Z');

describe('plans state measured odds from replayed synthetic history (embedded default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CALIBRATION_ON_START: '1', CALIBRATION_SYMBOLS: 'SPY,QQQ,AAPL', CALIBRATION_DAYS: '12' }, { clockMs: NOW });
    await t.app.get(CalibrationService).settled();
  }, 180_000);
  afterAll(async () => t?.close());

  it('every plan states a measured TP1 rate with n ≥ 30 and its Wilson interval, or null with the reason; never a heuristic', async () => {
    const status = t.app.get(CalibrationService).statuses();
    expect(status).toEqual([expect.objectContaining({ source: 'synthetic', state: 'ready' })]);
    expect(status[0].rows).toBeGreaterThan(100);
    let measured = 0;
    let plans = 0;
    for (const symbol of ['SPY', 'QQQ', 'AAPL', 'MSFT', 'NVDA', 'AMD', 'TSLA', 'IWM']) {
      for (const style of ['scalp', 'intraday']) {
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
        expect(m).toMatchObject({ calibrated: true, method: 'measured_hit_rate', data_source: 'synthetic' });
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
  });
});
