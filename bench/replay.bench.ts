/**
 * Calibration replay speed: `replayOutcomes` (every playbook of a style stepped bar by bar with the live
 * engine, buildPlan and follower) over regular-session 1m bars, for all scalp playbooks (1m frame) and
 * all intraday playbooks (5m frame resampled from the same minutes).
 * Inputs: the recorded SPY minutes of the fixture (2021-07-01 … 08-13) and one synthetic symbol-year
 * of 1m regular-session bars from the embedded SyntheticMarketDataProvider on a FixedClock.
 * "of which frames" = `buildStyleFrames` alone (the style's frame plus its resampled HTF frames), a
 * fixed cost inside every replay. Anchors measured in the same run: `buildFrame` alone (indicators + session tags) over the same bars,
 * and TA-Lib C's six-indicator pass (bench/talib-anchor.ts) over the same 1m bars, the project's usual
 * machine anchor (it does not change when our code does).
 * Bars/s are counted in input 1m bars. Two untimed warm-up replays first; REPLAY_BENCH_RUNS (default 3)
 * runs per case, best kept.
 */
import type { Bar } from '../src/core/bars/bar';
import type { Interval } from '../src/core/bars/interval';
import { resampleBars } from '../src/core/bars/resample';
import { buildStyleFrames } from '../src/core/analysis/analyze-symbol';
import { replayOutcomes } from '../src/core/calibration/replay-outcomes';
import { sessionTag } from '../src/core/session/session';
import { buildFrame } from '../src/core/strategies/frame';
import type { Style } from '../src/core/strategies/strategy.types';
import { FixedClock } from '../src/providers/embedded/clocks';
import { SyntheticMarketDataProvider } from '../src/providers/embedded/synthetic-market-data.provider';
import { fixtureBars } from '../test/support/bars';
import { prepareTalibC } from './talib-anchor';

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

/** Best wall time of RUNS runs, and the process CPU time (user + system) of that run, in ms. */
function best(fn: () => void): { ms: number; cpu: number } {
  let b = { ms: Infinity, cpu: Infinity };
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (ms < b.ms) b = { ms, cpu: (c.user + c.system) / 1000 };
  }
  return b;
}

interface Row {
  '1m bars': number;
  'frame bars': number;
  plans: number;
  ms: number;
  'cpu ms': number;
  'bars/s (1m)': number;
  'of which frames ms': number;
  'buildFrame anchor ms': number;
  'TA-Lib C pass ms': number | string;
  'replay / TA-Lib C': number | string;
}

/** TA-Lib C's six-indicator pass over the bars, best of RUNS (ms), or the reason it is unavailable. */
function talibPass(bars: Bar[]): number | string {
  const f = (k: 'high' | 'low' | 'close') => Float64Array.from(bars, (b) => b[k]);
  const c = prepareTalibC(f('high'), f('low'), f('close'));
  if (typeof c === 'string') return c;
  try {
    let b = Infinity;
    for (let r = 0; r < Math.max(3, RUNS); r++) b = Math.min(b, c.round().pass);
    return b;
  } finally {
    c.dispose();
  }
}

function bench(rows: Record<string, Row>, label: string, minutes: Bar[], daily: Bar[]): void {
  const talib = talibPass(minutes);
  const inputs: Record<'scalp' | 'intraday', { iv: Interval; bars: Bar[] }> = {
    scalp: { iv: '1m', bars: minutes },
    intraday: { iv: '5m', bars: resampleBars(minutes, '5m') },
  };
  let totalMs = 0;
  let totalCpu = 0;
  let totalFrames = 0;
  let totalAnchor = 0;
  let totalPlans = 0;
  for (const style of ['scalp', 'intraday'] as Style[]) {
    const { iv, bars } = inputs[style as 'scalp' | 'intraday'];
    let plans = 0;
    const ms = best(() => {
      plans = replayOutcomes({ symbol: 'SPY', style, data_source: 'bench', intraday: { [iv]: bars }, daily }).length;
    });
    const anchor = best(() => void buildFrame(bars, iv)).ms;
    const framesMs = best(() => void buildStyleFrames(style, { [iv]: bars }, daily)).ms;
    totalFrames += framesMs;
    totalMs += ms.ms;
    totalCpu += ms.cpu;
    totalAnchor += anchor;
    totalPlans += plans;
    rows[`${label} · ${style} (${iv})`] = row(minutes.length, bars.length, plans, ms, framesMs, anchor, talib);
  }
  rows[`${label} · scalp + intraday`] = row(minutes.length, minutes.length + inputs.intraday.bars.length, totalPlans, { ms: totalMs, cpu: totalCpu }, totalFrames, totalAnchor, talib);
}

function row(n1m: number, frameBars: number, plans: number, t: { ms: number; cpu: number }, framesMs: number, anchor: number, talib: number | string): Row {
  const ms = t.ms;
  return {
    '1m bars': n1m,
    'frame bars': frameBars,
    plans,
    ms: Math.round(ms),
    'cpu ms': Math.round(t.cpu),
    'bars/s (1m)': Math.round((n1m / ms) * 1000),
    'of which frames ms': Math.round(framesMs),
    'buildFrame anchor ms': Number(anchor.toFixed(1)),
    'TA-Lib C pass ms': typeof talib === 'number' ? Number(talib.toFixed(2)) : 'n/a',
    'replay / TA-Lib C': typeof talib === 'number' ? Math.round(ms / talib) : talib,
  };
}

export default async function () {
  const rows: Record<string, Row> = {};
  const fixture = fixtureBars('lumibot_spy_1m_ext_2021-07-01_2021-08-13.csv').filter((b) => sessionTag(b.time) === 'regular');
  // warm-up (JIT): two untimed replays of the first fixture sessions per style
  const warm = fixture.slice(0, 390 * 6);
  for (let r = 0; r < 2; r++) {
    replayOutcomes({ symbol: 'SPY', style: 'scalp', data_source: 'bench', intraday: { '1m': warm } });
    replayOutcomes({ symbol: 'SPY', style: 'intraday', data_source: 'bench', intraday: { '5m': resampleBars(warm, '5m') } });
  }
  bench(rows, 'fixture SPY 2021-07/08', fixture, []);
  const year = await syntheticYear('SPY', '2026-11-20T21:00:00Z');
  bench(rows, 'synthetic SPY year', year.minutes, year.daily);
  console.log(`best of ${RUNS} run(s) per case (wall ms; cpu ms = process user+system time of that run); bars/s = input 1m bars / wall time (the intraday style replays their 5m resample)`);
  console.log(`target: a symbol-year (~98,000 1m bars) through every scalp and intraday playbook in ≤ 2,000 ms`);
  console.table(rows);
}
