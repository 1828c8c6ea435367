/**
 * HV on raw (unadjusted) daily bars across a split: with the replay file's companion `.splits.csv` the
 * volatility block's HV equals HV computed here, by hand, on closes adjusted with LEAN's own factor file
 * (an independent source: adjusted = raw × split_factor of the first row dated ≥ the bar); without it a
 * warning names the split date. Raw AAPL daily 1998–2021 (LEAN sample data, FIXTURES_DIR); AAPL split
 * 2:1 on 2000-06-21 and 2005-02-28, 7:1 on 2014-06-09 and 4:1 on 2020-08-31 (ex-dates).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { etWallToUtc } from '../../src/core/session/et-time';
import { ContextController } from '../../src/modules/context/context.controller';
import { ContextService } from '../../src/modules/context/context.service';
import { MARKET_DATA_PORT } from '../../src/modules/data-ports/data-ports';
import { ReplayMarketDataProvider } from '../../src/providers/embedded/replay-market-data.provider';
import { CLOCK } from '../../src/providers/provider.types';
import { fixturePath, readFixtureText } from '../support/fixtures';
import { minimalApp } from './minimal-app';

const RAW = 'lean_aapl_1d_raw_1998-01-02_2021-03-31.csv';
const SPLITS = 'date,factor\n2000-06-21,2\n2005-02-28,2\n2014-06-09,7\n2020-08-31,4\n';

/** Raw closes and closes adjusted by LEAN's factor file (split_factor only: splits, not dividends). */
function referenceCloses(): Array<{ date: string; close: number }> {
  const factors = readFixtureText('bars', 'lean_aapl_factor_file.csv')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map(([date, , split]) => ({ date, split: Number(split) }));
  const rows = readFixtureText('bars', RAW).trim().split('\n').slice(1);
  return rows.map((l) => {
    const [date, , , , close] = l.split(',');
    const f = factors.find((r) => r.date >= date)!.split;
    return { date, close: Number(close) * f };
  });
}

/** Sample stdev of the last `n` daily log returns × √252, in percent. */
function hvByHand(closes: number[], n: number): number {
  const c = closes.slice(-(n + 1));
  const r = c.slice(1).map((x, i) => Math.log(x / c[i]));
  const mean = r.reduce((a, b) => a + b, 0) / n;
  const v = r.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return Math.sqrt(v * 252) * 100;
}

async function appOver(withSplits: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'splits-'));
  fs.symlinkSync(fixturePath('bars', RAW), path.join(dir, 'AAPL_1D.csv'));
  if (withSplits) fs.writeFileSync(path.join(dir, 'AAPL.splits.csv'), SPLITS);
  const clock = { t: 0, now: () => clock.t };
  const market = new ReplayMarketDataProvider({ dir, clock });
  const app = await minimalApp([ContextController], [ContextService, { provide: MARKET_DATA_PORT, useValue: market }, { provide: CLOCK, useValue: clock }]);
  return { app, clock, dir };
}

/** A session ~10–30 trading days after each split: the HV20 window contains it. */
const AFTER_SPLIT: Array<[string, string]> = [
  ['2000-06-21', '2000-07-12'],
  ['2005-02-28', '2005-03-15'],
  ['2014-06-09', '2014-07-03'],
  ['2020-08-31', '2020-09-25'],
];

describe('HV across a split on the raw daily fixture', () => {
  const ref = referenceCloses();
  let withF: Awaited<ReturnType<typeof appOver>>;
  let without: Awaited<ReturnType<typeof appOver>>;
  beforeAll(async () => {
    withF = await appOver(true);
    without = await appOver(false);
  });
  afterAll(async () => {
    for (const t of [withF, without]) {
      await t?.app.close();
      if (t) fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });

  const regime = async (t: Awaited<ReturnType<typeof appOver>>, date: string) => {
    t.clock.t = etWallToUtc(date, 17, 0);
    const res = await request(t.app.getHttpServer())
      .post('/gpt/multi-context')
      .send({ symbol: 'AAPL', intervals: ['1D'], lookback: 50 })
      .expect(200);
    return res.body.volatility_regime;
  };

  it.each(AFTER_SPLIT)('split %s: with AAPL.splits.csv, HV20/60/120 on %s equal HV of the LEAN-adjusted closes; no warning', async (_split, date) => {
    const v = await regime(withF, date);
    const closes = ref.filter((r) => r.date <= date).map((r) => r.close);
    // LEAN's split_factor is printed to 6 significant digits (0.0178571 for 1/56): its split-day return is off by
    // up to 3e-6, which moves HV by up to ~5e-4 vol points; the service rounds HV to 4 dp
    for (const [got, n] of [
      [v.hv_20, 20],
      [v.hv_60, 60],
      [v.hv_120, 120],
    ] as const) {
      expect({ n, diff: Math.abs(got - hvByHand(closes, n)) < 1e-3 }).toEqual({ n, diff: true });
    }
    expect(v.warnings).toEqual([]);
  });

  it.each(AFTER_SPLIT)('split %s: without factors the volatility block warns naming the date (HV on %s is inflated)', async (split, date) => {
    const v = await regime(without, date);
    expect(v.warnings).toHaveLength(1);
    expect(v.warnings[0]).toContain(split);
    const adjusted = hvByHand(
      ref.filter((r) => r.date <= date).map((r) => r.close),
      20,
    );
    expect(v.hv_20).toBeGreaterThan(2 * adjusted);
  });

  it('HV that cannot be computed is null with a note saying why (too few daily closes)', async () => {
    const v = await regime(withF, '1998-02-13'); // ~30 sessions into the file
    expect(v.hv_20).not.toBeNull();
    expect(v.hv_60).toBeNull();
    expect(v.hv_120).toBeNull();
    expect(v.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^HV60 unavailable: needs 61 daily closes, \d+ available$/), expect.stringMatching(/^HV120 unavailable/)]));
  });
});
