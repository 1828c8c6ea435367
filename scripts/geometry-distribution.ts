/**
 * Plan-geometry distribution on the recorded fixture sessions (FIXTURES_DIR, default ../shared/fixtures):
 * every scalp (1m) and intraday (5m) plan stated as of every regular-session bar, with the figures of
 * issue 12 (median risk in bp, share of stops ≤ 5¢, share of ladders with TP2 within 3¢ of TP1, max
 * R:R to TP1, max TP1 distance in ATR) and the rejections by guardrail code.
 *   node -r @swc-node/register scripts/geometry-distribution.ts
 */
import { geometryDistribution, replayPlans } from '../test/plan/support/plan-replay';

const FILES = ['lean_spy_1m_2013-10-04_2013-10-11.csv', 'lumibot_spy_1m_ext_2021-07-01_2021-08-13.csv'];
const table: Record<string, Record<string, number>> = {};
const rejections: Record<string, Record<string, number>> = {};
for (const f of FILES) {
  for (const style of ['scalp', 'intraday'] as const) {
    const key = `${f.slice(0, 24)} ${style}`;
    const r = replayPlans(f, style);
    table[key] = geometryDistribution(r.plans);
    rejections[key] = r.rejected;
  }
}
console.table(table);
console.table(rejections);
