/**
 * Calibration store (issue 12 item 2): CalibrationStore.replaceOutcomes and listOutcomes at 100,000
 * outcome rows, rows/s and the longest event-loop stall (perf_hooks monitorEventLoopDelay max) while
 * each runs. Anchor of the same run: JSON.stringify + JSON.parse of the same rows in memory (the
 * serialisation every store must pay at least). Stores: embedded better-sqlite3 (SQLITE_SYNCHRONOUS
 * FULL, the default) and PostgreSQL when TEST_DATABASE_URL is set (a temporary database).
 */
import * as fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AppConfig } from '../src/config/app-config';
import type { OutcomeRow } from '../src/core/stats/outcome.types';
import { outcomeRow } from '../src/core/stats/test-rows';
import { CalibrationStore } from '../src/persistence/calibration-store.service';
import { DatabaseService } from '../src/persistence/database.service';
import { createTestDatabase } from '../test/support/postgres';
import { tempDataDir } from '../test/support/test-app';

const N = 100_000;
const PLAYBOOKS = ['orb_retest', 'vwap_reclaim', 'midday_fade', 'trend_pullback', 'gap_fill', 'range_break'];

/** Rows shaped like the replay engine's: varied playbooks, fills, targets and awkward floats. */
function rows(n: number): OutcomeRow[] {
  const t0 = Date.parse('2020-01-02T14:30:00Z');
  return Array.from({ length: n }, (_, i) => {
    const filled = i % 5 !== 0;
    const plan_time = t0 + i * 60_000;
    return outcomeRow({
      playbook: PLAYBOOKS[i % PLAYBOOKS.length],
      symbol: ['SPY', 'QQQ', 'IWM', 'AAPL'][i % 4],
      direction: i % 2 ? 'long' : 'short',
      plan_time,
      rr: [1 + (i % 7) / 10, 2 + (i % 11) / 10, 3.3333333333333335],
      stop_atr: 0.5 + (i % 13) / 17,
      stop_bp: 7.5 + (i % 29) / 3,
      tp1_atr: (i % 17) / 9,
      filled,
      fill_time: filled ? plan_time + 60_000 : null,
      tp_hit: [i % 3 === 0, i % 9 === 0, false],
      exit_reason: filled ? (i % 3 === 0 ? 'tp_final' : 'stop') : 'unfilled',
      r_realised: filled ? (i % 3 === 0 ? 1.2 : -1) : 0,
      r_after_costs: filled ? (i % 3 === 0 ? 1.1628 : -1.0371) : 0,
      mae_r: filled ? -(i % 10) / 10 : 0,
      mfe_r: filled ? (i % 23) / 7 : 0,
      bars_to_outcome: 1 + (i % 40),
      resolved_at: plan_time + (2 + (i % 40)) * 60_000,
      data_source: 'replay',
    });
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; lagMax: number; lagP99: number; out: T }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t0 = performance.now();
  const out = await fn();
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 20));
  h.disable();
  return { ms, lagMax: h.max / 1e6, lagP99: h.percentile(99) / 1e6, out };
}

export default async function () {
  const data = rows(N);
  const anchor = await timed(async () => (JSON.parse(`[${data.map((r) => JSON.stringify(r)).join(',')}]`) as OutcomeRow[]).length);
  console.log(`${N} rows, ${JSON.stringify(data[1]).length} chars of JSON each; anchor JSON.stringify+parse ${anchor.ms.toFixed(0)} ms`);
  const targets: Array<{ name: string; url?: () => Promise<{ url: string; drop(): Promise<void> }> }> = [{ name: 'embedded SQLite (FULL)' }];
  if (process.env.TEST_DATABASE_URL) targets.push({ name: 'PostgreSQL (local)', url: () => createTestDatabase(process.env.TEST_DATABASE_URL!) });
  else console.log('PostgreSQL row not run: TEST_DATABASE_URL is unset');
  const table: Record<string, Record<string, number | string>> = {};
  for (const t of targets) {
    const pg = t.url ? await t.url() : undefined;
    const dataDir = tempDataDir('tc-bench-cal-');
    const db = new DatabaseService({ databaseUrl: pg?.url, dataDir } as AppConfig);
    await db.onModuleInit();
    if (!db.isReady) throw new Error(`store not ready: ${db.error}`);
    const store = new CalibrationStore(db);
    try {
      await store.replaceOutcomes('warm', 'intraday', data.slice(0, 2000));
      const first = await timed(() => store.replaceOutcomes('bench', 'intraday', data));
      const again = await timed(() => store.replaceOutcomes('bench', 'intraday', data)); // deletes the 100k first
      const list = await timed(() => store.listOutcomes('bench', { style: 'intraday' }));
      if (list.out.length !== N) throw new Error(`listOutcomes returned ${list.out.length} rows`);
      const half = await timed(() => store.listOutcomes('bench', { style: 'intraday', resolvedBefore: data[N / 2].plan_time }));
      const file = `${dataDir}/trading-coach.db`;
      table[t.name] = {
        'replace (empty) ms': Math.round(first.ms),
        'replace rows/s': Math.round(N / (first.ms / 1000)),
        'replace (over 100k) ms': Math.round(again.ms),
        'replace lag p99 / max ms': `${Math.max(first.lagP99, again.lagP99).toFixed(0)} / ${Math.max(first.lagMax, again.lagMax).toFixed(0)}`,
        'list 100k ms': Math.round(list.ms),
        'list rows/s': Math.round(N / (list.ms / 1000)),
        'list lag p99 / max ms': `${list.lagP99.toFixed(0)} / ${list.lagMax.toFixed(0)}`,
        'list 50k (resolvedBefore) ms': Math.round(half.ms),
        'store ÷ anchor (replace+list)': +((first.ms + list.ms) / anchor.ms).toFixed(1),
        'file MB': pg ? '-' : +(fs.statSync(file).size / 1e6 + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size / 1e6 : 0)).toFixed(0),
      };
    } finally {
      await db.onApplicationShutdown();
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.table(table);
}
