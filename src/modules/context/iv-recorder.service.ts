import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import pLimit from 'p-limit';
import { etDate } from '../../core/session/et-time';
import { regularSession } from '../../core/session/session';
import { ivSessionDay } from '../../core/volatility';
import { IV_HISTORY, type IvHistoryApi } from '../../persistence/iv-history.types';
import { WATCHLISTS, type WatchlistApi } from '../../persistence/watchlist.types';
import { CLOCK, type Clock } from '../../providers/provider.types';
import { ContextService } from './context.service';

/** A vendor that publishes a daily ATM-IV history (none of the configured adapters does today; see docs/volatility-history.md). */
export interface IvHistoryVendor {
  readonly id: string;
  /** Daily 30-day ATM IV (fraction) per ET day, inclusive range. */
  getAtmIvHistory(symbol: string, fromDay: string, toDay: string): Promise<Array<{ day: string; iv: number }>>;
}
export const IV_HISTORY_VENDOR = Symbol('IV_HISTORY_VENDOR');

export interface RecordOutcome {
  symbol: string;
  day: string;
  /** Percent, null when the chain gave no usable ATM IV. */
  iv_atm: number | null;
  source: string | null;
  written: boolean;
  error?: string;
}

/** How long an on-demand request waits for its outcomes; the rest go on recording in the background. */
export const ON_DEMAND_BUDGET_MS = 8_000;

/** Minutes after the close before the daily job records (quotes settle). */
const AFTER_CLOSE_MS = 10 * 60_000;
const CONCURRENCY = 4;

function schedulerEnabled(): boolean {
  const v = process.env.IV_RECORDER;
  if (v !== undefined) return !/^(0|false|off|no)$/i.test(v);
  return process.env.NODE_ENV !== 'test';
}

/**
 * Writes the daily ATM-IV series: once per session after the close for every analysed symbol and
 * every watchlist ticker (a timer checks every IV_RECORDER_POLL_MS, default 5 min), on demand for given
 * symbols, and from a vendor's history where one is configured (backfill).
 */
@Injectable()
export class IvRecorderService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IvRecorderService.name);
  private timer?: NodeJS.Timeout;
  private lastRunDay: string | null = null;
  private running?: Promise<RecordOutcome[]>;

  constructor(
    private readonly context: ContextService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(IV_HISTORY) private readonly store?: IvHistoryApi,
    @Optional() @Inject(WATCHLISTS) private readonly watchlists?: WatchlistApi,
    @Optional() @Inject(IV_HISTORY_VENDOR) private readonly vendor?: IvHistoryVendor,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.store || !schedulerEnabled()) return;
    const every = Number(process.env.IV_RECORDER_POLL_MS ?? 300_000);
    this.timer = setInterval(() => void this.tick(), Number.isFinite(every) && every >= 1000 ? every : 300_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The scheduled job: after a trading day's close (+10 min), once per day. */
  async tick(): Promise<RecordOutcome[] | null> {
    const now = this.clock.now();
    const today = etDate(now);
    const s = regularSession(today);
    if (!s || now < s.close + AFTER_CLOSE_MS || this.lastRunDay === today) return null;
    this.lastRunDay = today;
    const out = await this.recordAll();
    this.logger.log(`ATM IV recorded for ${out.filter((o) => o.written).length} of ${out.length} symbols (${today})`);
    return out;
  }

  /** Analysed symbols and watchlist tickers, alphabetically. */
  async universe(): Promise<string[]> {
    const [a, b] = await Promise.all([this.store?.tracked() ?? [], this.watchlists?.allTickers() ?? []]);
    return [...new Set([...a, ...b])].sort();
  }

  async recordAll(): Promise<RecordOutcome[]> {
    this.running ??= this.universe()
      .then((syms) => this.recordSymbols(syms))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * The on-demand path (POST /api/v1/iv-history/record): the outcomes ready within `budgetMs`, in the order
   * asked; a symbol still recording (a cold chain, a long universe) is listed as pending and keeps recording
   * in the background, so the request answers in bounded time whatever the list.
   */
  async recordWithin(symbols: string[] | null, budgetMs = ON_DEMAND_BUDGET_MS): Promise<RecordOutcome[]> {
    const done = new Map<string, RecordOutcome>();
    const collect = (o: RecordOutcome) => done.set(o.symbol, o);
    // the whole universe when none is named (recording a day twice only answers written: false)
    const wanted = symbols ?? (await this.universe());
    const all = this.recordSymbols(wanted, collect);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all.then(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, budgetMs)))]);
    clearTimeout(timer);
    const { day } = ivSessionDay(this.clock.now());
    return wanted.map(
      (symbol) =>
        done.get(symbol) ?? {
          symbol,
          day,
          iv_atm: null,
          source: null,
          written: false,
          error: `still recording in the background (this answer waits ${budgetMs / 1000} s at most); GET /api/v1/iv-history/${symbol} shows the day once written`,
        },
    );
  }

  /** Record the current session's ATM IV for each symbol; `onOutcome` hears each as it completes. */
  async recordSymbols(symbols: string[], onOutcome?: (o: RecordOutcome) => void): Promise<RecordOutcome[]> {
    const store = this.store;
    const { day, atClose } = ivSessionDay(this.clock.now());
    if (!store) return symbols.map((symbol) => ({ symbol, day, iv_atm: null, source: null, written: false, error: 'no store' }));
    const gate = pLimit(CONCURRENCY);
    return Promise.all(
      symbols.map((symbol) =>
        gate(async (): Promise<RecordOutcome> => {
          const o = await this.recordOne(symbol, day, atClose, store);
          onOutcome?.(o);
          return o;
        }),
      ),
    );
  }

  private async recordOne(symbol: string, day: string, atClose: boolean, store: IvHistoryApi): Promise<RecordOutcome> {
    try {
      const cur = await this.context.currentAtmIv(symbol);
      if (!cur) return { symbol, day, iv_atm: null, source: null, written: false, error: 'no usable ATM IV (no options provider or no quotes around spot)' };
      const written = await store.record({ symbol, day, iv: cur.iv, source: cur.source, method: cur.method, expirations: cur.expirations, at_close: atClose, recorded_at: this.clock.now() });
      return { symbol, day, iv_atm: Math.round(cur.iv * 1e6) / 1e4, source: cur.source, written };
    } catch (err) {
      return { symbol, day, iv_atm: null, source: null, written: false, error: (err as Error).message };
    }
  }

  /** Fill past days from a vendor's ATM-IV history, when one is configured. */
  async backfill(symbol: string, fromDay: string, toDay: string): Promise<{ symbol: string; vendor: string | null; received: number; written: number; note: string | null }> {
    if (!this.vendor || !this.store) return { symbol, vendor: null, received: 0, written: 0, note: 'no configured vendor offers a daily ATM-IV history; the series grows one session at a time' };
    const pts = await this.vendor.getAtmIvHistory(symbol, fromDay, toDay);
    const written = await this.store.recordMany(
      pts.map((p) => ({ symbol, day: p.day, iv: p.iv, source: `vendor_history:${this.vendor!.id}`, method: 'vendor', expirations: [], at_close: true, recorded_at: this.clock.now() })),
    );
    return { symbol, vendor: this.vendor.id, received: pts.length, written, note: null };
  }
}
