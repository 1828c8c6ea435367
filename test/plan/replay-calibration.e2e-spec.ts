import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { CalibrationService } from '../../src/modules/calibration/calibration.service';
import { fixturePath } from '../support/fixtures';
import { createTestApp, tempDataDir, TestApp } from '../support/test-app';

/**
 * A user's own recorded sessions in the replay folder: the service replays them at start (background),
 * and plans on them — live replay or as_of — state odds measured on the sessions before the plan.
 */
describe('plans on replayed sessions state odds measured on the earlier replayed sessions', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = tempDataDir('tc-replay-cal-');
    fs.symlinkSync(fixturePath('bars', 'lumibot_spy_1m_ext_2021-07-01_2021-08-13.csv'), path.join(dir, 'SPY_1m.csv'));
    t = await createTestApp({ REPLAY_DATA_DIR: dir, REPLAY_CLOCK: 'end', MARKET_DATA_PROVIDERS: 'replay', CALIBRATION_ON_START: '1' });
    await t.app.get(CalibrationService).settled();
  }, 180_000);
  afterAll(async () => t?.close());

  it('calibrates the replay folder at start and answers as_of plans with n, interval and a window that ends before the moment', async () => {
    const st = t.app.get(CalibrationService).statuses();
    expect(st).toEqual([expect.objectContaining({ source: 'replay', state: 'ready', symbols: ['SPY'] })]);
    expect(st[0].rows).toBeGreaterThan(200);
    let ok = 0;
    let measured = 0;
    // mid-morning of later sessions (ET = UTC−4 in summer)
    for (const day of ['2021-08-02', '2021-08-05', '2021-08-10', '2021-08-12']) {
      for (const hhmm of ['14:12', '15:37', '17:48']) {
        for (const style of ['scalp', 'intraday']) {
          const as_of = `${day}T${hhmm}:00Z`;
          const r = await request(t.http).post('/gpt/plan').send({ symbol: 'SPY', style, as_of }).expect(200);
          if (r.body.status !== 'ok') continue;
          ok++;
          const m = r.body.calibration_meta;
          expect(r.body.planning_context).toBe('historical');
          if (r.body.probabilities.tp1 === null) continue;
          measured++;
          expect(m).toMatchObject({ calibrated: true, method: 'rr_adjusted_hit_rate', data_source: 'replay' });
          expect(m.n).toBeGreaterThanOrEqual(30);
          expect(Date.parse(m.window.to)).toBeLessThan(Date.parse(as_of));
          expect(m.ci95[0]).toBeLessThanOrEqual(r.body.probabilities.tp1);
          expect(m.ci95[1]).toBeGreaterThanOrEqual(r.body.probabilities.tp1);
          // TP2 needs TP1 first: never stated as likelier
          if (r.body.probabilities.tp2 !== null) expect(r.body.probabilities.tp2).toBeLessThanOrEqual(r.body.probabilities.tp1);
        }
      }
    }
    expect(ok).toBeGreaterThan(5);
    // coverage: with a month of earlier sessions every plan speaks
    expect(measured).toBe(ok);
  });

  it('a restart states measured odds at once: the run was persisted in the store and cached in DATA_DIR', async () => {
    const rows = t.app.get(CalibrationService).statuses()[0].rows;
    expect(fs.readdirSync(t.dataDir).some((f) => /^calibration-replay-.*\.json$/.test(f))).toBe(true);
    const again = await createTestApp({ DATA_DIR: t.dataDir, REPLAY_DATA_DIR: dir, MARKET_DATA_PROVIDERS: 'replay', CALIBRATION_ON_START: '0' });
    try {
      const st = again.app.get(CalibrationService).statuses();
      expect(st).toEqual([expect.objectContaining({ source: 'replay', state: 'ready', rows })]);
    } finally {
      await again.close();
    }
  });
});
