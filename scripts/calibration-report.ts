/**
 * Walk-forward reliability report on the recorded fixture sessions (FIXTURES_DIR, default ../shared/fixtures):
 * replay every playbook over the real SPY minutes (scalp, intraday), hourly (swing) and daily (leaps) bars, calibrate on the earlier 60 % of
 * plans, state TP1 for the later ones exactly as the service does (CalibrationBook), and print them beside
 * the 1/(1+RR) and constant baselines. Labelled output of test data, not product statistics.
 *   node -r @swc-node/register scripts/calibration-report.ts
 */
import { resampleBars } from '../src/core/bars/resample';
import { replayOutcomes } from '../src/core/calibration/replay-outcomes';
import { runMultiDayCalibration } from '../src/core/calibration/multi-day-run';
import { sessionTag } from '../src/core/session/session';
import { reliabilityReport, reportRow, sequentialReport, sequentialRow } from '../src/core/calibration/reliability-report';
import type { OutcomeRow } from '../src/core/stats';
import { fixtureBars } from '../test/support/bars';

const SESSIONS = ['lumibot_spy_1m_ext_2021-07-01_2021-08-13.csv', 'lean_spy_1m_2013-10-04_2013-10-11.csv'];
const t0 = performance.now();
let bars = 0;
const rows: OutcomeRow[] = [];
for (const f of SESSIONS) {
  const minutes = fixtureBars(f).filter((b) => sessionTag(b.time) === 'regular');
  bars += minutes.length;
  rows.push(...replayOutcomes({ symbol: 'SPY', style: 'scalp', data_source: 'fixture', intraday: { '1m': minutes } }));
  rows.push(...replayOutcomes({ symbol: 'SPY', style: 'intraday', data_source: 'fixture', intraday: { '5m': resampleBars(minutes, '5m') } }));
}
// swing and leaps on the recorded SPY hourly (2019-01…2021-03) and daily (1998…2021-03) bars
const hourly = fixtureBars('lean_spy_1h_raw_2019-01-02_2021-03-31.csv').filter((b) => sessionTag(b.time) === 'regular');
const daily = fixtureBars('lean_spy_1d_raw_1998-01-02_2021-03-31.csv');
rows.push(...runMultiDayCalibration({ symbol: 'SPY', data_source: 'fixture', hourly, daily: daily.filter((b) => b.time >= Date.parse('2018-01-01')) }, ['swing']));
rows.push(...runMultiDayCalibration({ symbol: 'SPY', data_source: 'fixture', hourly: [], daily }, ['leaps']));
const replayMs = performance.now() - t0;
console.log(`replayed ${bars} regular-session minutes (scalp on 1m, intraday on 5m): ${rows.length} plans in ${(replayMs / 1000).toFixed(1)} s`);
console.log('walk-forward: calibrated on the earlier 60 % of plans, scored on the later 40 %');
console.table(reliabilityReport(rows, ['scalp', 'intraday', 'swing', 'leaps']).map(reportRow));
console.log('as of each plan: every filled plan stated from the outcomes resolved before it (what POST /gpt/plan with as_of states)');
console.table(sequentialReport(rows, ['scalp', 'intraday', 'swing', 'leaps']).map(sequentialRow));
