import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { bookLookup, CalibrationBook, type OddsLookup } from '../../core/calibration/calibration-book';
import { CALIBRATED_STYLES, runCalibration } from '../../core/calibration/calibration-run';
import { aggregateSegments } from '../../core/stats/aggregate';
import type { CostModel } from '../../core/stats/costs';
import type { OutcomeRow } from '../../core/stats/outcome.types';
import type { Style } from '../../core/strategies/strategy.types';
import { CALIBRATION_STORE, type CalibrationStoreApi } from '../../persistence/calibration-store.types';
import { CLOCK, type Clock } from '../../providers/provider.types';
import { replayDaySources } from './replay-days';
import { syntheticDays, syntheticMultiDay } from './synthetic-days';
import { MULTI_DAY_STYLES, runMultiDayCalibration } from '../../core/calibration/multi-day-run';

/** Bump when the engine, the follower or the row shape change: older cached runs are then recomputed. */
export const CALIBRATION_VERSION = 3;

/** Sessions of synthetic hourly bars (swing's 1h playbooks) and of daily bars (swing/leaps daily playbooks) replayed per symbol. */
export const MULTI_DAY_HOURLY_SESSIONS = 250;
export const MULTI_DAY_DAILY_SESSIONS = 750;

export type CalibrationState = 'idle' | 'running' | 'ready' | 'failed';

export interface CalibrationStatus {
  source: string;
  state: CalibrationState;
  rows: number;
  symbols: string[];
  days: number;
  /** ISO UTC of the last completed run. */
  updated_at: string | null;
  error: string | null;
}

/**
 * Holds one calibration book per data source and answers measured odds for plans built on that source.
 * On the embedded default it replays the deterministic synthetic history (CALIBRATION_SYMBOLS ×
 * CALIBRATION_DAYS, scalp and intraday) in the background, one day at a time with a yield to the event
 * loop between days, and caches the rows in DATA_DIR so a restart is instant.
 */
@Injectable()
export class CalibrationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(CalibrationService.name);
  private readonly bookMap = new Map<string, CalibrationBook>();
  private readonly status = new Map<string, CalibrationStatus>();
  private stopped = false;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(CLOCK) private readonly clock?: Clock,
    @Optional() @Inject(CALIBRATION_STORE) private readonly store?: CalibrationStoreApi,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadStored();
    this.loadCliRuns();
    const cli = (source: string) => fs.existsSync(path.join(this.config.dataDir, 'calibration', `${source}.json`));
    if (!this.config.calibration.onStart) return;
    const replay = this.config.marketDataProviders.includes('replay') && !cli('replay');
    const synthetic = this.config.marketDataProviders.includes('synthetic') && !cli('synthetic');
    this.running = (async () => {
      // the replay folder first: it is usually small, and plans on the user's own sessions need it
      if (replay) await this.calibrateReplay();
      if (synthetic) await this.calibrateSynthetic();
    })();
  }

  /** Runs persisted in the store (plan_outcomes) from earlier starts: odds are available at once. */
  private async loadStored(): Promise<void> {
    if (!this.store) return;
    try {
      const sources = [...new Set((await this.store.sources()).map((s) => s.source))];
      for (const source of sources) {
        const rows = await this.store.listOutcomes(source);
        if (rows.length) this.setRows(source, rows);
      }
    } catch (err) {
      this.log.warn(`stored calibration unavailable: ${(err as Error).message}`);
    }
  }

  /** Persist a run: outcome rows and the aggregated statistics per style (plan_outcomes, playbook_stats). */
  private async persist(source: string, rows: readonly OutcomeRow[]): Promise<void> {
    if (!this.store) return;
    const now = this.clock?.now() ?? Date.now();
    for (const style of [...new Set(rows.map((r) => r.style))] as Style[]) {
      const mine = rows.filter((r) => r.style === style);
      await this.store.replaceOutcomes(source, style, mine);
      await this.store.replaceStats(source, style, aggregateSegments(mine), now);
    }
  }

  /** Runs written by `npm run calibrate` (DATA_DIR/calibration/<source>.json). */
  private loadCliRuns(): void {
    const dir = path.join(this.config.dataDir, 'calibration');
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter((n) => /^[a-z0-9_.-]+\.json$/i.test(n));
    } catch {
      return;
    }
    for (const name of names) {
      const source = name.replace(/\.json$/i, '');
      try {
        const rows = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as OutcomeRow[];
        if (!Array.isArray(rows)) throw new Error('not a list of outcome rows');
        this.setRows(source, rows);
        this.log.log(`calibration ${source}: ${rows.length} plans from ${name}`);
      } catch (err) {
        this.log.warn(`calibration file ${name} ignored: ${(err as Error).message}`);
      }
    }
  }

  onModuleDestroy(): void {
    this.stopped = true;
  }

  /** The configured cost model (COST_COMMISSION_PER_SHARE, COST_SLIPPAGE_PER_SHARE): calibration and ranking use the same. */
  get costs(): CostModel {
    const { commissionPerShare, slippagePerShare } = this.config.calibration;
    return { commission_per_share: commissionPerShare, slippage_per_share: slippagePerShare };
  }

  /** Odds for plans on bars of `dataSource` (null rates with the reason when that source is not calibrated). */
  lookupFor(dataSource: string, pending?: string): OddsLookup {
    const key = CalibrationService.sourceKey(dataSource);
    const st = this.status.get(key);
    const running = pending ?? (st?.state === 'running' ? `calibration of ${key} history is running (${st.rows} plans so far)` : undefined);
    return bookLookup(this.bookMap.get(key) ?? null, running);
  }

  /** The book a bars payload's data_source reads (a vendor chain label's first part). */
  static sourceKey(dataSource: string): string {
    return dataSource === 'synthetic' || dataSource === 'replay' ? dataSource : dataSource.split(',')[0];
  }

  /** Add rows to a source's book (vendor history measured on demand); a plan already in the book is kept once. */
  addRows(source: string, rows: readonly OutcomeRow[]): void {
    const have = this.bookMap.get(source)?.allRows() ?? [];
    const key = (r: OutcomeRow) => `${r.symbol}|${r.style}|${r.playbook}|${r.plan_time}`;
    const seen = new Set(have.map(key));
    const merged = [...have, ...rows.filter((r) => !seen.has(key(r)))];
    const prev = this.status.get(source);
    const symbols = [...new Set([...(prev?.symbols ?? []), ...rows.map((r) => r.symbol)])].sort();
    this.setRows(source, merged, { symbols, days: prev?.days ?? 0 });
  }

  /** Install outcome rows for a source (CLI, tests, a store). */
  setRows(source: string, rows: readonly OutcomeRow[], meta: Partial<CalibrationStatus> = {}): void {
    this.bookMap.set(source, new CalibrationBook(rows, source));
    this.status.set(source, { source, state: 'ready', rows: rows.length, symbols: meta.symbols ?? [], days: meta.days ?? 0, updated_at: new Date().toISOString(), error: null });
  }

  books(): CalibrationBook[] {
    return [...this.bookMap.values()];
  }

  book(source: string): CalibrationBook | null {
    return this.bookMap.get(source) ?? null;
  }

  statuses(): CalibrationStatus[] {
    return [...this.status.values()];
  }

  /** Resolves when the background run (if any) is done. */
  async settled(): Promise<void> {
    await this.running;
  }

  private cacheFile(nowMs: number): string {
    const { symbols, days, commissionPerShare, slippagePerShare } = this.config.calibration;
    const tag = `${CALIBRATION_VERSION}-${symbols.join('_')}-${days}-${new Date(nowMs).toISOString().slice(0, 10)}-${commissionPerShare}-${slippagePerShare}`;
    return path.join(this.config.dataDir, `calibration-synthetic-${tag.replace(/[^A-Za-z0-9_.-]/g, '')}.json`);
  }

  /**
   * Replays every `{SYMBOL}_1m.csv` of the replay folder (REPLAY_DATA_DIR) through the calibrated styles,
   * so plans on replayed sessions (live replay or as_of) state odds measured on the sessions before
   * them. Cached in DATA_DIR by the files' names, sizes and times.
   */
  async calibrateReplay(): Promise<void> {
    const dir = this.config.replay.dir;
    const srcs = replayDaySources(dir);
    if (!srcs.files.length) return;
    const { commissionPerShare, slippagePerShare } = this.config.calibration;
    const tag = `${CALIBRATION_VERSION}-${srcs.fingerprint}-${commissionPerShare}-${slippagePerShare}`;
    const file = path.join(this.config.dataDir, `calibration-replay-${tag}.json`);
    const st: CalibrationStatus = { source: 'replay', state: 'running', rows: 0, symbols: srcs.files.map((f) => f.symbol), days: 0, updated_at: null, error: null };
    this.status.set('replay', st);
    try {
      if (fs.existsSync(file)) {
        const rows = JSON.parse(fs.readFileSync(file, 'utf8')) as OutcomeRow[];
        this.setRows('replay', rows, { symbols: st.symbols, days: srcs.days });
        return;
      }
      const t0 = Date.now();
      const rows: OutcomeRow[] = [];
      for (const f of srcs.files) {
        if (this.stopped) return;
        rows.push(
          ...(await runCalibration(f.load(), {
            styles: CALIBRATED_STYLES,
            firstDay: 0,
            costs: { commission_per_share: commissionPerShare, slippage_per_share: slippagePerShare },
            pause: async () => {
              if (this.stopped) throw new Error('stopped');
              await yieldToLoop();
            },
          })),
        );
        st.rows = rows.length;
      }
      this.setRows('replay', rows, { symbols: st.symbols, days: srcs.days });
      await this.persist('replay', rows).catch((err) => this.log.warn(`calibration not persisted: ${(err as Error).message}`));
      const tmp = `${file}.tmp`;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify(rows));
      fs.renameSync(tmp, file);
      this.log.log(`replay calibration: ${rows.length} plans from ${srcs.files.length} file(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      if (this.stopped) return;
      st.state = 'failed';
      st.error = (err as Error).message;
      this.log.warn(`replay calibration failed: ${st.error}`);
    }
  }

  async calibrateSynthetic(): Promise<void> {
    const nowMs = this.clock?.now() ?? Date.now();
    const { symbols, days, commissionPerShare, slippagePerShare } = this.config.calibration;
    const file = this.cacheFile(nowMs);
    const st: CalibrationStatus = { source: 'synthetic', state: 'running', rows: 0, symbols, days, updated_at: null, error: null };
    this.status.set('synthetic', st);
    try {
      if (fs.existsSync(file)) {
        const rows = JSON.parse(fs.readFileSync(file, 'utf8')) as OutcomeRow[];
        this.setRows('synthetic', rows, { symbols, days });
        this.log.log(`synthetic calibration loaded from ${file}: ${rows.length} plans`);
        return;
      }
      const t0 = Date.now();
      const hadBook = this.bookMap.has('synthetic');
      const rows: OutcomeRow[] = [];
      for (const symbol of symbols) {
        if (this.stopped) return;
        const out = await runCalibration(syntheticDays(symbol, nowMs, days), {
          styles: CALIBRATED_STYLES,
          costs: { commission_per_share: commissionPerShare, slippage_per_share: slippagePerShare },
          pause: async () => {
            if (this.stopped) throw new Error('stopped');
            await yieldToLoop();
          },
        });
        rows.push(...out);
        // swing and leaps: one long hourly/daily history (their plans live for days)
        rows.push(...runMultiDayCalibration(syntheticMultiDay(symbol, nowMs, MULTI_DAY_HOURLY_SESSIONS, MULTI_DAY_DAILY_SESSIONS), MULTI_DAY_STYLES, this.costs));
        await yieldToLoop();
        st.rows = rows.length;
        // partial books already speak for the symbols done so far (unless a stored run is serving meanwhile)
        if (!hadBook) this.bookMap.set('synthetic', new CalibrationBook(rows, 'synthetic'));
      }
      this.setRows('synthetic', rows, { symbols, days });
      await this.persist('synthetic', rows).catch((err) => this.log.warn(`calibration not persisted: ${(err as Error).message}`));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(rows));
      fs.renameSync(tmp, file);
      this.log.log(`synthetic calibration: ${rows.length} plans from ${symbols.length} symbols × ${days} days in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      if (this.stopped) return;
      st.state = 'failed';
      st.error = (err as Error).message;
      this.log.warn(`synthetic calibration failed: ${st.error}`);
    }
  }
}
