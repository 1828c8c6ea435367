/**
 * POST /gpt/scan latency on the embedded synthetic provider, through ScanService (no HTTP), with the
 * real idea store (embedded SQLite in a temp dir) persisting every returned plan.
 * cold = tickers never seen by the process (the synthetic provider builds each price path once);
 * warm = the same universe again.
 */
import { ScanService } from '../src/modules/scan/scan.service';
import { createPlanTestApp } from '../test/plan/support/plan-test-app';

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const L = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const universe = (n: number, run: number) => Array.from({ length: n }, (_, i) => `B${L[run % 26]}${L[Math.floor(i / 26) % 26]}${L[i % 26]}`);

export default async function () {
  const app = await createPlanTestApp('2026-11-20T16:00:00Z');
  const scans = app.app.get(ScanService);
  const rows: Record<string, { runs: number; 'p50 ms': number; 'p95 ms': number; 'candidates (page)': number; 'JSON chars': number }> = {};
  try {
    for (const [n, runs] of [
      [20, 6],
      [100, 3],
    ] as const) {
      for (const mode of ['cold', 'warm'] as const) {
        const t: number[] = [];
        let cands = 0;
        let chars = 0;
        for (let r = 0; r < runs; r++) {
          const u = universe(n, mode === 'cold' ? n + r : n);
          if (mode === 'warm' && r === 0) await scans.scan({ userId: 'bench', universe: u, style: 'intraday', simulateOpen: true, limit: 100 });
          const t0 = performance.now();
          const page = await scans.scan({ userId: 'bench', universe: u, style: 'intraday', simulateOpen: true, limit: 100 });
          t.push(performance.now() - t0);
          cands = page.count_candidates;
          chars = JSON.stringify(page).length;
        }
        rows[`${n} tickers intraday, ${mode}`] = { runs, 'p50 ms': Math.round(pct(t, 50)), 'p95 ms': Math.round(pct(t, 95)), 'candidates (page)': cands, 'JSON chars': chars };
      }
    }
  } finally {
    await app.close();
  }
  console.table(rows);
}
