/**
 * Plan-geometry distribution on the recorded fixture sessions (FIXTURES_DIR, default ../shared/fixtures):
 * every scalp (1m) and intraday (5m) plan stated as of every regular-session bar, with the figures of
 * issue 12 (median risk in bp, share of stops ≤ 5¢, share of ladders with TP2 within 3¢ of TP1, max
 * R:R to TP1, max TP1 distance in ATR) and the rejections by guardrail code.
 *   node -r @swc-node/register scripts/geometry-distribution.ts
 */
import { resampleBars } from '../src/core/bars/resample';
import { replayOutcomes } from '../src/core/calibration/replay-outcomes';
import { geometryDistribution, regularMinutes, replayPlans } from '../test/plan/support/plan-replay';

const FILES = ['lean_spy_1m_2013-10-04_2013-10-11.csv', 'lumibot_spy_1m_ext_2021-07-01_2021-08-13.csv'];
const table: Record<string, Record<string, number>> = {};
const rejections: Record<string, Record<string, number>> = {};
for (const f of FILES) {
  for (const style of ['scalp', 'intraday'] as const) {
    const key = `${f.slice(0, 24)} ${style}`;
    const r = replayPlans(f, style);
    const m = regularMinutes(f);
    const rows = replayOutcomes({ symbol: 'SPY', style, data_source: 'fixture', intraday: style === 'scalp' ? { '1m': m } : { '5m': resampleBars(m, '5m') } });
    const filled = rows.filter((x) => x.filled);
    const avg = (xs: number[]) => (xs.length ? Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3)) : NaN);
    table[key] = {
      ...geometryDistribution(r.plans),
      followed_rows: rows.length,
      filled: filled.length,
      tp1_hit_rate: avg(filled.map((x) => (x.tp_hit[0] ? 1 : 0))),
      avg_r: avg(filled.map((x) => x.r_realised)),
      avg_r_after_costs: avg(filled.map((x) => x.r_after_costs)),
    };
    rejections[key] = r.rejected;
  }
}
console.table(table);
console.table(rejections);
