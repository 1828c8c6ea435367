/**
 * Walk-forward reliability report on the recorded fixture sessions (FIXTURES_DIR, default ../shared/fixtures):
 * replay every scalp and intraday playbook over the real SPY minutes, calibrate TP1 rates on the earlier
 * 60 % of plans, score the later 40 %, and print the stated rates beside the 1/(1+RR) and constant
 * baselines. Labelled output of test data, not product statistics.
 *   node -r @swc-node/register scripts/calibration-report.ts
 */
import { resampleBars } from '../src/core/bars/resample';
import { replayOutcomes } from '../src/core/calibration/replay-outcomes';
import { sessionTag } from '../src/core/session/session';
import { aggregateByPlaybookStyle, compareWithBaselines, findGroup, OUTCOME_TIME, randomWalkProbability, shrinkRate, walkForwardSplit, wilsonInterval, type OutcomeRow } from '../src/core/stats';
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
const replayMs = performance.now() - t0;
const table: Record<string, Record<string, string | number>> = {};
for (const style of ['scalp', 'intraday'] as const) {
  const { train, test } = walkForwardSplit(
    rows.filter((r) => r.style === style && r.filled),
    0.6,
    OUTCOME_TIME,
  );
  const groups = aggregateByPlaybookStyle(train);
  const all = aggregateByPlaybookStyle(train.map((r) => ({ ...r, playbook: '*' })))[0].stats.tp[0];
  const preds = test.map((r) => {
    const g = findGroup(groups, r.playbook, style)?.stats.tp[0];
    const est = shrinkRate(g ? { k: g.k, n: g.n } : null, { k: all.k, n: all.n });
    return { p: est.ok ? est.value.p : (all.rate as number), hit: r.tp_hit[0], rr: r.rr[0] };
  });
  const cmp = compareWithBaselines(preds, all.rate as number);
  const hits = preds.filter((p) => p.hit).length;
  const ci = wilsonInterval(hits, preds.length)!;
  const rw = preds.reduce((s, p) => s + randomWalkProbability(p.rr), 0) / preds.length;
  table[style] = {
    'train n': train.length,
    'test n': preds.length,
    'mean stated p(TP1)': +(preds.reduce((s, p) => s + p.p, 0) / preds.length).toFixed(3),
    'mean 1/(1+RR)': +rw.toFixed(3),
    'realised TP1': +(hits / preds.length).toFixed(3),
    'realised 95 % CI': `${ci.lo.toFixed(3)}–${ci.hi.toFixed(3)}`,
    'Brier stated': +cmp.stated.brier!.toFixed(4),
    'Brier 1/(1+RR)': +cmp.random_walk.brier!.toFixed(4),
    'Brier constant': +cmp.constant.brier!.toFixed(4),
  };
}
console.log(`replayed ${bars} regular-session minutes (scalp on 1m, intraday on 5m): ${rows.length} plans in ${(replayMs / 1000).toFixed(1)} s`);
console.table(table);
