/**
 * Calibration store (issue 12 item 2) on both stores: outcome rows and stats groups read back
 * field for field, replace semantics per (source, style), the no-look-ahead filter, atomic replaces,
 * and what survives an app restart.
 */
import { aggregateSegments } from '../../src/core/stats/aggregate';
import type { OutcomeRow } from '../../src/core/stats/outcome.types';
import { outcomeRow } from '../../src/core/stats/test-rows';
import { CALIBRATION_STORE, CalibrationStoreApi } from '../../src/persistence/calibration-store.types';
import { DatabaseService } from '../../src/persistence/database.service';
import { storageEnv, storageTargets } from '../support/postgres';
import { createTestApp, tempDataDir, TestApp } from '../support/test-app';

const T0 = Date.parse('2021-03-01T14:30:00Z');
const MIN = 60_000;

/** Rows that differ in every field the table stores (filled and unfilled, 1–3 targets, awkward numbers). */
function variedRows(): OutcomeRow[] {
  return [
    outcomeRow({ plan_time: T0 + 30 * MIN, resolved_at: T0 + 45 * MIN }),
    outcomeRow({
      playbook: 'vwap_reclaim',
      symbol: 'QQQ',
      direction: 'short',
      plan_time: T0 + 5 * MIN,
      time_of_day: 'open',
      rr: [0.1 + 0.2],
      stop_atr: 1e-9,
      stop_bp: 12345.678901234567,
      tp1_atr: 0.30000000000000004,
      regime: { trend: 'down', volatility: 'high' },
      fill_time: T0 + 6 * MIN,
      tp_hit: [true, false, false],
      exit_reason: 'tp_final',
      r_realised: 0.30000000000000004,
      r_after_costs: 0.2671828182845904,
      mae_r: -0.75,
      mfe_r: 1.0000000000000002,
      bars_to_outcome: 3,
      resolved_at: T0 + 9 * MIN,
      data_source: 'polygon',
    }),
    outcomeRow({
      playbook: 'midday_fade',
      plan_time: T0 + 5 * MIN,
      time_of_day: 'midday',
      rr: [1.5, 2.75],
      regime: { trend: 'flat', volatility: 'low' },
      filled: false,
      fill_time: null,
      exit_reason: 'unfilled',
      r_realised: 0,
      r_after_costs: 0,
      mae_r: 0,
      mfe_r: 0,
      bars_to_outcome: 77,
      resolved_at: T0 + 390 * MIN,
    }),
    outcomeRow({
      playbook: 'orb_retest',
      symbol: 'BRK.B',
      plan_time: T0 + 90 * MIN,
      time_of_day: 'power_hour',
      tp_hit: [true, true, true],
      exit_reason: 'tp_final',
      r_realised: 2.3333333333333335,
      r_after_costs: 2.2999999999999998,
      mae_r: -0.1,
      mfe_r: 3.0000000000000004,
      bars_to_outcome: 12,
      resolved_at: T0 + 150 * MIN,
    }),
    outcomeRow({
      playbook: 'orb_retest',
      plan_time: T0,
      exit_reason: 'invalidated',
      filled: false,
      fill_time: null,
      r_realised: 0,
      r_after_costs: 0,
      mae_r: 0,
      mfe_r: 0,
      resolved_at: T0 + 2 * MIN,
      data_source: 'replay:Δ',
    }),
  ];
}

/** Stable sort by plan_time: the order the store must return (ties in insertion order). */
const byPlanTime = (rows: readonly OutcomeRow[]) => [...rows].sort((a, b) => a.plan_time - b.plan_time);

describe.each(storageTargets())('calibration store (%s)', (target) => {
  let env: Record<string, string> = {};
  let cleanup: () => Promise<void> = async () => undefined;
  let app: TestApp;
  let store: CalibrationStoreApi;

  beforeAll(async () => {
    ({ env, cleanup } = await storageEnv(target, tempDataDir()));
    app = await createTestApp(env);
    store = app.app.get<CalibrationStoreApi>(CALIBRATION_STORE);
  });
  afterAll(async () => {
    await app?.close();
    await cleanup();
  });

  it('reads outcome rows back field for field, oldest plan_time first (ties in insertion order)', async () => {
    const rows = variedRows();
    await store.replaceOutcomes('rt', 'intraday', rows);
    const back = await store.listOutcomes('rt');
    expect(back).toStrictEqual(byPlanTime(rows));
    // the two rows at T0 + 5 min keep the order they were given in
    expect(back.slice(1, 3).map((r) => r.playbook)).toEqual(['vwap_reclaim', 'midday_fade']);
    // the indexed columns hold the row's own values
    const ds = app.app.get(DatabaseService).dataSource();
    const cols = await ds.query(`SELECT "playbook", "style", "plan_time", "resolved_at" FROM "plan_outcomes" WHERE "source" = ${target === 'postgres' ? '$1' : '?'} ORDER BY "plan_time", "id"`, [
      'rt',
    ]);
    expect(cols.map((c: Record<string, unknown>) => [c.playbook, c.style, Number(c.plan_time), Number(c.resolved_at)])).toEqual(
      byPlanTime(rows).map((r) => [r.playbook, 'intraday', r.plan_time, r.resolved_at]),
    );
  });

  it('pages through more rows than one insert batch, one delete chunk and one read page, in plan_time order across ties', async () => {
    const n = 12_345;
    // plan times repeat in runs of 7 and arrive shuffled (a fixed permutation), so page boundaries fall inside ties
    const rows = Array.from({ length: n }, (_, k) => {
      const i = (k * 7919) % n;
      return outcomeRow({ plan_time: T0 + Math.floor(i / 7) * MIN, resolved_at: T0 + Math.floor(i / 7) * MIN + 5 * MIN, bars_to_outcome: k, symbol: `S${k % 13}` });
    });
    await store.replaceOutcomes('many', 'intraday', rows);
    const back = await store.listOutcomes('many', { style: 'intraday' });
    expect(back).toHaveLength(n);
    expect(back).toStrictEqual(byPlanTime(rows));
    // replacing them clears all 12,345 (three delete chunks) and keeps only the new ones
    const fewer = rows.slice(0, 100).map((r) => ({ ...r, symbol: 'AGAIN' }));
    await store.replaceOutcomes('many', 'intraday', fewer);
    expect(await store.listOutcomes('many')).toStrictEqual(byPlanTime(fewer));
  });

  it('replaces the rows of one (source, style) only; an empty replace leaves nothing for it', async () => {
    const a = [outcomeRow({ plan_time: T0 + MIN, symbol: 'A1' }), outcomeRow({ plan_time: T0 + 2 * MIN, symbol: 'A2' })];
    const scalp = [outcomeRow({ style: 'scalp', plan_time: T0 + 90 * 1000, symbol: 'B1' })];
    const other = [outcomeRow({ plan_time: T0, symbol: 'C1' })];
    const d = [outcomeRow({ plan_time: T0 + 3 * MIN, symbol: 'D1' })];
    await store.replaceOutcomes('rep', 'intraday', a);
    await store.replaceOutcomes('rep', 'scalp', scalp);
    await store.replaceOutcomes('rep-other', 'intraday', other);
    await store.replaceOutcomes('rep', 'intraday', d);
    const syms = async (source: string, style?: 'intraday' | 'scalp') => (await store.listOutcomes(source, { style })).map((r) => r.symbol);
    expect(await syms('rep', 'intraday')).toEqual(['D1']);
    expect(await syms('rep', 'scalp')).toEqual(['B1']);
    expect(await syms('rep')).toEqual(['B1', 'D1']);
    expect(await syms('rep-other')).toEqual(['C1']);
    await store.replaceOutcomes('rep', 'intraday', []);
    expect(await syms('rep', 'intraday')).toEqual([]);
    expect(await syms('rep')).toEqual(['B1']);
    expect(await syms('nothing-here')).toEqual([]);
  });

  it('resolvedBefore keeps only rows whose outcome was known strictly before that moment', async () => {
    const at = (sym: string, style: 'intraday' | 'swing', resolved: number) => outcomeRow({ symbol: sym, style, plan_time: T0, resolved_at: resolved });
    await store.replaceOutcomes('asof', 'intraday', [at('i-early', 'intraday', T0 + MIN), at('i-at', 'intraday', T0 + 10 * MIN), at('i-late', 'intraday', T0 + 11 * MIN)]);
    await store.replaceOutcomes('asof', 'swing', [at('s-early', 'swing', T0 + 2 * MIN), at('s-late', 'swing', T0 + 20 * MIN)]);
    const syms = async (opts: { style?: 'intraday' | 'swing'; resolvedBefore?: number }) => (await store.listOutcomes('asof', opts)).map((r) => r.symbol).sort();
    expect(await syms({ resolvedBefore: T0 + 10 * MIN })).toEqual(['i-early', 's-early']);
    expect(await syms({ resolvedBefore: T0 + 10 * MIN + 1 })).toEqual(['i-at', 'i-early', 's-early']);
    expect(await syms({ style: 'swing', resolvedBefore: T0 + 10 * MIN })).toEqual(['s-early']);
    expect(await syms({ resolvedBefore: T0 + MIN })).toEqual([]);
    expect(await syms({})).toEqual(['i-at', 'i-early', 'i-late', 's-early', 's-late']);
  });

  it('reads stats groups back as they were given, per (source, style), with computed_at', async () => {
    const rows = [...variedRows(), ...variedRows().map((r) => ({ ...r, direction: 'short' as const, r_realised: r.r_realised - 0.5 }))];
    const groups = aggregateSegments(rows);
    expect(groups.some((g) => g.stats.expectancy_r === null || g.stats.mae_r === null)).toBe(true); // nulls are part of the round trip
    const swing = aggregateSegments(
      rows.map((r) => ({ ...r, style: 'swing' as const })),
      { dimensions: ['direction'] },
    );
    await store.replaceStats('st', 'intraday', groups, T0 + 1000);
    await store.replaceStats('st', 'swing', swing, T0 + 2000);
    expect(await store.listStats('st', 'intraday')).toStrictEqual(groups.map((g) => ({ ...g, computed_at: T0 + 1000 })));
    expect(await store.listStats('st')).toStrictEqual([...groups.map((g) => ({ ...g, computed_at: T0 + 1000 })), ...swing.map((g) => ({ ...g, computed_at: T0 + 2000 }))]);
    // the summary columns hold the group's own values
    const ds = app.app.get(DatabaseService).dataSource();
    const p = target === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
    const [col] = await ds.query(
      `SELECT "n", "window_from", "window_to", "data_sources" FROM "playbook_stats" WHERE "source" = ${p[0]} AND "style" = ${p[1]} AND "playbook" = ${p[2]} AND "segment_dimension" = 'all'`,
      ['st', 'intraday', 'orb_retest'],
    );
    const parent = groups.find((g) => g.playbook === 'orb_retest' && g.segment.dimension === 'all')!;
    expect([col.n, Number(col.window_from), Number(col.window_to)]).toEqual([parent.stats.n, parent.stats.window!.from, parent.stats.window!.to]);
    expect(typeof col.data_sources === 'string' ? JSON.parse(col.data_sources) : col.data_sources).toEqual(['replay', 'replay:Δ']);
    // a replace drops the groups it does not list; the other style is untouched
    await store.replaceStats('st', 'intraday', groups.slice(0, 2), T0 + 3000);
    expect(await store.listStats('st', 'intraday')).toStrictEqual(groups.slice(0, 2).map((g) => ({ ...g, computed_at: T0 + 3000 })));
    expect(await store.listStats('st', 'swing')).toHaveLength(swing.length);
  });

  it('sources() lists every stored (source, style) with its row count and last update', async () => {
    const before = Date.now();
    await store.replaceOutcomes('src-a', 'scalp', [outcomeRow({ style: 'scalp' }), outcomeRow({ style: 'scalp' }), outcomeRow({ style: 'scalp' })]);
    await store.replaceStats('src-b', 'leaps', aggregateSegments([outcomeRow({ style: 'leaps' })], { dimensions: [] }), T0);
    const after = Date.now();
    const mine = (await store.sources()).filter((s) => s.source.startsWith('src-'));
    expect(mine.map(({ source, style, n_rows }) => ({ source, style, n_rows }))).toEqual([
      { source: 'src-a', style: 'scalp', n_rows: 3 },
      { source: 'src-b', style: 'leaps', n_rows: 0 },
    ]);
    for (const s of mine) {
      expect(s.updated_at).toBeGreaterThanOrEqual(before);
      expect(s.updated_at).toBeLessThanOrEqual(after);
    }
  });

  it('a replace is atomic: one that fails part-way keeps the previous rows, and two at once leave exactly one of them', async () => {
    const old = Array.from({ length: 3 }, (_, i) => outcomeRow({ plan_time: T0 + i * MIN, symbol: 'OLD' }));
    await store.replaceOutcomes('atomic', 'intraday', old);
    // the 2,500th row cannot be serialised (a BigInt): the first two batches were already inserted
    const bad = Array.from({ length: 3000 }, (_, i) => outcomeRow({ plan_time: T0 + i * MIN, symbol: i === 2500 ? (10n as unknown as string) : 'NEW' }));
    await expect(store.replaceOutcomes('atomic', 'intraday', bad)).rejects.toThrow(/BigInt/);
    expect(await store.listOutcomes('atomic')).toStrictEqual(old);
    const a = Array.from({ length: 2100 }, (_, i) => outcomeRow({ plan_time: T0 + i * MIN, symbol: 'A' }));
    const b = Array.from({ length: 1700 }, (_, i) => outcomeRow({ plan_time: T0 + i * MIN, symbol: 'B' }));
    await Promise.all([store.replaceOutcomes('atomic', 'intraday', a), store.replaceOutcomes('atomic', 'intraday', b)]);
    const now = await store.listOutcomes('atomic');
    expect([a.length, b.length]).toContain(now.length);
    expect(new Set(now.map((r) => r.symbol)).size).toBe(1);
  });

  it('lets the event loop run between insert batches', async () => {
    let ticks = 0;
    let on = true;
    const tick = () => {
      ticks++;
      if (on) setImmediate(tick);
    };
    setImmediate(tick);
    try {
      await store.replaceOutcomes(
        'loop',
        'intraday',
        Array.from({ length: 20_000 }, (_, i) => outcomeRow({ plan_time: T0 + i * MIN })),
      );
    } finally {
      on = false;
    }
    expect(ticks).toBeGreaterThanOrEqual(20); // one batch is 1,000 rows
  });

  it('refuses bad arguments with a 400 naming the field, and writes nothing', async () => {
    const reject = (p: Promise<unknown>, field: RegExp) => expect(p).rejects.toMatchObject({ status: 400, message: expect.stringMatching(field) });
    await reject(store.replaceOutcomes('bad', 'intraday', [outcomeRow(), outcomeRow({ style: 'swing' })]), /^rows\[1\]\.style:/);
    await reject(store.replaceOutcomes('bad', 'intraday', [outcomeRow({ r_realised: Number.NaN })]), /^rows\[0\]\.r_realised:/);
    await reject(store.replaceOutcomes('bad', 'intraday', [outcomeRow({ rr: [1, Infinity] })]), /^rows\[0\]\.rr\[1\]:/);
    await reject(store.replaceOutcomes('bad', 'intraday', [outcomeRow({ resolved_at: 1.5 })]), /^rows\[0\]\.resolved_at:/);
    await reject(store.replaceOutcomes('', 'intraday', []), /^source:/);
    await reject(store.replaceOutcomes('bad', 'weekly' as never, []), /^style:/);
    await reject(store.listOutcomes('bad', { resolvedBefore: Number.NaN }), /^resolvedBefore:/);
    const [g] = aggregateSegments([outcomeRow(), outcomeRow({ r_realised: 1 })], { dimensions: [] });
    await reject(store.replaceStats('bad', 'intraday', [g, g], T0), /^groups\[1\]:.*duplicate/);
    await reject(store.replaceStats('bad', 'intraday', [{ ...g, stats: { ...g.stats, profit_factor: Infinity } }], T0), /^groups\[0\]\.stats\.profit_factor:/);
    await reject(store.replaceStats('bad', 'intraday', [g], -1), /^computed_at:/);
    expect((await store.sources()).filter((s) => s.source === 'bad')).toEqual([]);
  });

  it('keeps outcomes and stats across an app restart', async () => {
    const e2 = target === 'postgres' ? env : { DATA_DIR: tempDataDir() };
    const rows = variedRows();
    const groups = aggregateSegments(rows);
    const first = await createTestApp(e2);
    try {
      const s = first.app.get<CalibrationStoreApi>(CALIBRATION_STORE);
      await s.replaceOutcomes('restart', 'intraday', rows);
      await s.replaceStats('restart', 'intraday', groups, T0 + 42);
    } finally {
      await first.close();
    }
    const second = await createTestApp(e2);
    try {
      const s = second.app.get<CalibrationStoreApi>(CALIBRATION_STORE);
      expect(await s.listOutcomes('restart', { style: 'intraday' })).toStrictEqual(byPlanTime(rows));
      expect(await s.listStats('restart', 'intraday')).toStrictEqual(groups.map((g) => ({ ...g, computed_at: T0 + 42 })));
      expect((await s.sources()).find((x) => x.source === 'restart')).toMatchObject({ style: 'intraday', n_rows: rows.length });
    } finally {
      await second.close();
    }
  });
});
