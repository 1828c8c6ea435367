/**
 * Idea store at scale (issue 13 item 2): plan creation = IdeaStore.save of a realistic ~20 KB plan
 * payload (+ its chart layers), p50/p95 on an empty store and with 10,000 stored plans (anchor: the
 * empty store of the same run, saves alternating between the two; target ratio ≤ 1.5×), and event-loop lag p99 (perf_hooks
 * monitorEventLoopDelay) while a burst of 300 concurrent saves runs, beside the idle lag of the same run.
 * Stores: embedded better-sqlite3 with SQLITE_SYNCHRONOUS=FULL and NORMAL, and PostgreSQL when
 * TEST_DATABASE_URL is set (a temporary database).
 */
import * as fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AppConfig } from '../src/config/app-config';
import { DatabaseService } from '../src/persistence/database.service';
import { IdeaStore } from '../src/persistence/idea-store.service';
import type { PlanLayersData } from '../src/persistence/idea-store.types';
import { createTestDatabase } from '../test/support/postgres';
import { tempDataDir } from '../test/support/test-app';

const STORED = 10_000;
const SAMPLES = 200;
const BURST = 300;

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** A plan payload shaped like /gpt/plan's (levels, probabilities, an options block with greeks). */
function planPayload(i: number): Record<string, unknown> {
  const px = 100 + (i % 400);
  const contracts = Array.from({ length: 46 }, (_, k) => ({
    symbol: `SPY241220C00${String(400 + k).padStart(3, '0')}000`,
    type: k % 2 ? 'put' : 'call',
    strike: px + k - 12,
    expiration: '2024-12-20',
    dte: 30 + k,
    bid: 1.2 + k / 10,
    ask: 1.3 + k / 10,
    mid: 1.25 + k / 10,
    last: 1.24,
    volume: 1000 + k,
    open_interest: 5000 + k,
    iv: 0.21 + k / 1000,
    delta: 0.5 - k / 50,
    gamma: 0.02,
    theta: -0.03,
    vega: 0.11,
    rho: 0.01,
    spread_pct: 4.1,
    liquidity_score: 0.8,
    rating: 'A',
    reasons: ['tight spread', 'open interest ≥ 1000'],
  }));
  return {
    symbol: 'SPY',
    style: 'intraday',
    direction: i % 2 ? 'long' : 'short',
    entry: px,
    stop: px - 1.5,
    targets: [px + 1.5, px + 3, px + 4.5],
    interval: '5m',
    as_of: '2024-06-12T15:10:00.000Z',
    last_price: px - 0.2,
    atr: 1.1,
    setup: 'vwap_reclaim',
    grade: 'B+',
    confidence: 0.62,
    rationale: 'Price reclaimed session VWAP on rising volume with the 20 EMA turning up; the prior day high caps the first target.'.repeat(2),
    levels: Array.from({ length: 30 }, (_, k) => ({ price: px - 15 + k, label: `L${k}`, kind: k % 3 ? 'resistance' : 'support', strength: k / 30 })),
    probabilities: { tp1: 0.55, tp2: 0.34, tp3: 0.18, stop: 0.38, calibration: { n: 1234, brier: 0.21 } },
    execution_rules: Array.from({ length: 8 }, (_, k) => `rule ${k}: trail the stop to break-even after target ${k}`),
    options_contracts: contracts,
    banners: ['Live data'],
    warnings: [],
    meta: { data_source: 'synthetic', version: 1 },
  };
}
function planLayers(i: number): PlanLayersData {
  const px = 100 + (i % 400);
  return {
    levels: Array.from({ length: 12 }, (_, k) => ({ price: px - 6 + k, label: `L${k}`, kind: 'level' })),
    zones: [{ low: px - 2, high: px - 1, kind: 'demand_zone', label: 'D' }],
    annotations: [{ time: 1718205000, text: 'entry', kind: 'marker' }],
    meta: { interval: '5m' },
  };
}

async function openStore(env: Record<string, string>, databaseUrl?: string) {
  Object.assign(process.env, env);
  const dataDir = tempDataDir('tc-bench-store-');
  const db = new DatabaseService({ databaseUrl, dataDir } as AppConfig);
  await db.onModuleInit();
  if (!db.isReady) throw new Error(`store not ready: ${db.error}`);
  return { db, store: new IdeaStore(db), dataDir };
}

async function timeSaves(store: IdeaStore, n: number, from: number): Promise<number[]> {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await store.save({ user_id: `u${i % 50}`, symbol: 'SPY', style: 'intraday', payload: planPayload(from + i), layers: planLayers(from + i) });
    t.push(performance.now() - t0);
  }
  return t;
}

/** Fill to `total` stored plans with bulk inserts (the same row shapes IdeaStore.save writes). */
async function fill(db: DatabaseService, store: IdeaStore, total: number) {
  const ds = db.dataSource();
  const have = await ds.getRepository('IdeaSnapshot').count();
  for (let start = have; start < total; start += 500) {
    const rows = Array.from({ length: Math.min(500, total - start) }, (_, k) => {
      const i = start + k;
      const plan_id = store.newPlanId('SPY', 'intraday', new Date(Date.UTC(2024, 0, 1) + i * 3_600_000));
      return { plan_id, i };
    });
    await ds.transaction(async (m) => {
      await m.getRepository('IdeaSnapshot').insert(
        rows.map(({ plan_id, i }) => ({
          plan_id,
          plan_version: 1,
          user_id: `u${i % 50}`,
          symbol: 'SPY',
          style: 'intraday',
          kind: 'live',
          payload: { ...planPayload(i), plan_id, version: 1, plan_version: 1 },
          created_at: new Date(),
        })),
      );
      await m.getRepository('PlanLayer').insert(rows.map(({ plan_id, i }) => ({ plan_id, plan_version: 1, user_id: `u${i % 50}`, ...planLayers(i), created_at: new Date() })));
    });
  }
}

async function lag(fn: () => Promise<unknown>): Promise<{ p99: number; max: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  await fn();
  await new Promise((r) => setTimeout(r, 20)); // let the histogram record the last delay
  h.disable();
  return { p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
}

export default async function () {
  const targets: Array<{ name: string; env: Record<string, string>; url?: () => Promise<{ url: string; drop(): Promise<void> }> }> = [
    { name: 'embedded SQLite, synchronous=FULL (default)', env: { SQLITE_SYNCHRONOUS: 'FULL' } },
    { name: 'embedded SQLite, synchronous=NORMAL', env: { SQLITE_SYNCHRONOUS: 'NORMAL' } },
  ];
  if (process.env.TEST_DATABASE_URL) targets.push({ name: 'PostgreSQL (local)', env: {}, url: () => createTestDatabase(process.env.TEST_DATABASE_URL!) });
  else console.log('PostgreSQL row not run: TEST_DATABASE_URL is unset');
  const rows: Record<string, Record<string, number | string>> = {};
  console.log(`payload ${JSON.stringify(planPayload(1)).length} chars + layers ${JSON.stringify(planLayers(1)).length} chars`);
  for (const t of targets) {
    // two stores side by side, one empty and one with 10,000 plans; timed saves alternate between them
    // so that machine noise (fsync latency, other processes) hits both columns alike
    const pgs = t.url ? [await t.url(), await t.url()] : [];
    const empty = await openStore(t.env, pgs[0]?.url);
    const full = await openStore(t.env, pgs[1]?.url);
    try {
      await fill(full.db, full.store, STORED);
      await timeSaves(empty.store, 100, 0); // warm-up (statement caches, JIT)
      await timeSaves(full.store, 100, 0);
      const te: number[] = [];
      const tf: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        te.push(...(await timeSaves(empty.store, 1, 100 + i)));
        tf.push(...(await timeSaves(full.store, 1, 100 + i)));
      }
      const idle = await lag(() => new Promise((r) => setTimeout(r, 500)));
      const burst = await lag(() =>
        Promise.all(Array.from({ length: BURST }, (_, i) => full.store.save({ user_id: 'burst', symbol: 'SPY', style: 'intraday', payload: planPayload(i), layers: planLayers(i) }))),
      );
      const file = `${full.dataDir}/trading-coach.db`;
      rows[t.name] = {
        'empty p50 ms': +pct(te, 50).toFixed(2),
        'empty p95 ms': +pct(te, 95).toFixed(2),
        [`${STORED / 1000}k p50 ms`]: +pct(tf, 50).toFixed(2),
        [`${STORED / 1000}k p95 ms`]: +pct(tf, 95).toFixed(2),
        'ratio p50': +(pct(tf, 50) / pct(te, 50)).toFixed(2),
        'ratio p95': +(pct(tf, 95) / pct(te, 95)).toFixed(2),
        'idle lag p99 ms': +idle.p99.toFixed(1),
        [`burst ${BURST} lag p99 ms`]: +burst.p99.toFixed(1),
        'burst lag max ms': +burst.max.toFixed(1),
        'file MB': fs.existsSync(file) ? +(fs.statSync(file).size / 1e6).toFixed(0) : '-',
      };
    } finally {
      for (const st of [empty, full]) {
        await st.db.onApplicationShutdown();
        fs.rmSync(st.dataDir, { recursive: true, force: true });
      }
      for (const pg of pgs) await pg.drop();
    }
  }
  console.table(rows);
}
