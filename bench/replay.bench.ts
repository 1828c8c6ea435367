/**
 * Calibration replay speed: `replayOutcomes` (every playbook of a style stepped bar by bar with the live
 * engine, buildPlan and follower) over regular-session 1m bars, for all scalp playbooks (1m frame) and
 * all intraday playbooks (5m frame resampled from the same minutes).
 * Inputs: the recorded SPY minutes of the fixture (2021-07-01 … 08-13) and one synthetic symbol-year
 * of 1m regular-session bars from the embedded SyntheticMarketDataProvider on a FixedClock.
 * Anchor measured in the same run: `buildFrame` alone (indicators + session tags) over the same bars.
 * Bars/s are counted in input 1m bars. REPLAY_BENCH_RUNS (default 3) runs per case, best kept.
 */
import type { Bar } from '../src/core/bars/bar';
import type { Interval } from '../src/core/bars/interval';
import { resampleBars } from '../src/core/bars/resample';
import { replayOutcomes } from '../src/core/calibration/replay-outcomes';
import { sessionTag } from '../src/core/session/session';
import { buildFrame } from '../src/core/strategies/frame';
import type { Style } from '../src/core/strategies/strategy.types';
import { FixedClock } from '../src/providers/embedded/clocks';
import { SyntheticMarketDataProvider } from '../src/providers/embedded/synthetic-market-data.provider';
import { fixtureBars } from '../test/support/bars';

const DAY = 86_400_000;
const RUNS = Math.max(1, Number(process.env.REPLAY_BENCH_RUNS ?? 3));

/** One symbol-year of regular-session bars (1m and daily), fetched in 25-day chunks (the provider serves ≤ 30 days of 1m). */
async function syntheticYear(symbol: string, endIso: string): Promise<{ minutes: Bar[]; daily: Bar[] }> {
  const end = Date.parse(endIso);
  const start = end - 365 * DAY;
  const clock = new FixedClock(end);
  const p = new SyntheticMarketDataProvider({ clock });
  const minutes: Bar[] = [];
  for (let from = start; from < end; from += 25 * DAY) {
    const to = Math.min(end, from + 25 * DAY) - 1;
    clock.set(to + 1);
    const r = await p.getBars({ symbol, interval: '1m', from, to, extendedHours: false }).catch(() => null);
    if (r) minutes.push(...r.bars.filter((b) => b.time >= from && b.time <= to));
  }
  clock.set(end);
  const daily = (await p.getBars({ symbol, interval: '1D', from: start - 400 * DAY, to: start })).bars;
  return { minutes, daily };
}

function best(fn: () => void): number {
  let b = Infinity;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    fn();
    b = Math.min(b, performance.now() - t0);
  }
  return b;
}

interface Row {
  '1m bars': number;
  'frame bars': number;
  plans: number;
  ms: number;
  'bars/s (1m)': number;
  'buildFrame anchor ms': number;
  'replay / anchor': number;
}

function bench(rows: Record<string, Row>, label: string, minutes: Bar[], daily: Bar[]): void {
  const inputs: Record<'scalp' | 'intraday', { iv: Interval; bars: Bar[] }> = {
    scalp: { iv: '1m', bars: minutes },
    intraday: { iv: '5m', bars: resampleBars(minutes, '5m') },
  };
  let totalMs = 0;
  let totalAnchor = 0;
  let totalPlans = 0;
  for (const style of ['scalp', 'intraday'] as Style[]) {
    const { iv, bars } = inputs[style as 'scalp' | 'intraday'];
    let plans = 0;
    const ms = best(() => {
      plans = replayOutcomes({ symbol: 'SPY', style, data_source: 'bench', intraday: { [iv]: bars }, daily }).length;
    });
    const anchor = best(() => void buildFrame(bars, iv));
    totalMs += ms;
    totalAnchor += anchor;
    totalPlans += plans;
    rows[`${label} · ${style} (${iv})`] = row(minutes.length, bars.length, plans, ms, anchor);
  }
  rows[`${label} · scalp + intraday`] = row(minutes.length, minutes.length + inputs.intraday.bars.length, totalPlans, totalMs, totalAnchor);
}

function row(n1m: number, frameBars: number, plans: number, ms: number, anchor: number): Row {
  return {
    '1m bars': n1m,
    'frame bars': frameBars,
    plans,
    ms: Math.round(ms),
    'bars/s (1m)': Math.round((n1m / ms) * 1000),
    'buildFrame anchor ms': Number(anchor.toFixed(1)),
    'replay / anchor': Math.round(ms / anchor),
  };
}

export default async function () {
  const rows: Record<string, Row> = {};
  const fixture = fixtureBars('lumibot_spy_1m_ext_2021-07-01_2021-08-13.csv').filter((b) => sessionTag(b.time) === 'regular');
  bench(rows, 'fixture SPY 2021-07/08', fixture, []);
  const year = await syntheticYear('SPY', '2026-11-20T21:00:00Z');
  bench(rows, 'synthetic SPY year', year.minutes, year.daily);
  console.log(`best of ${RUNS} run(s) per case; bars/s = input 1m bars / replay time (the intraday style replays their 5m resample)`);
  console.table(rows);
}
