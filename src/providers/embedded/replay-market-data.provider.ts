import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Bar } from '../../core/bars/bar';
import { INTERVAL_MS, Interval, isIntraday, parseInterval } from '../../core/bars/interval';
import { parseCsvBars } from '../../core/bars/parse-csv-bars';
import { applySplits, parseSplitsCsv } from '../../core/bars/split-adjust';
import { resampleBars } from '../../core/bars/resample';
import { regularSession, sessionTag } from '../../core/session/session';
import { ProviderError } from '../provider.errors';
import { embeddedMarketClock } from './market-clock';
import type { BarsRequest, BarsResult, CallOptions, Clock, MarketClock, MarketDataProvider, Quote } from '../provider.types';

interface ReplayFile {
  interval: Interval;
  file: string;
  bars?: Bar[];
  mtimeMs?: number;
  splitsMtimeMs?: number;
}

/**
 * Bars replayed from CSV files `{SYMBOL}_{interval}.csv` in a folder (id `replay`). Only bars that
 * have closed at the replay clock's "now" are visible, so a running replay clock makes new bars
 * appear. Intervals without a file are resampled from the finest file that is finer. Unknown
 * symbols are `not_found`, letting the chain try the next provider.
 *
 * A companion `{SYMBOL}.splits.csv` (`date,factor`: ex-date and new shares per old share; see
 * src/core/bars/split-adjust.ts and docs/levels-and-volatility.md) split-adjusts every interval of that
 * symbol on load, so HV and indicators never see a split as a price move. A malformed one is `malformed`.
 */
export class ReplayMarketDataProvider implements MarketDataProvider {
  readonly id = 'replay';
  readonly testSymbol: string;
  private readonly files = new Map<string, ReplayFile[]>();
  private readonly splitFiles = new Map<string, string>();

  constructor(private readonly options: { dir: string; clock: Clock }) {
    this.scan();
    this.testSymbol = [...this.files.keys()][0] ?? 'SPY';
  }

  /** Symbols with at least one file. */
  get symbols(): string[] {
    return [...this.files.keys()].sort();
  }

  private scan() {
    let names: string[] = [];
    try {
      names = fs.readdirSync(this.options.dir);
    } catch {
      return;
    }
    for (const name of names) {
      const sm = /^(.+)\.splits\.csv$/i.exec(name);
      if (sm) {
        this.splitFiles.set(sm[1].toUpperCase(), path.join(this.options.dir, name));
        continue;
      }
      const m = /^(.+)_([0-9]+[a-zA-Z]+)\.csv$/.exec(name);
      const iv = m && parseInterval(m[2]);
      if (!m || !iv) continue;
      const sym = m[1].toUpperCase();
      const list = this.files.get(sym) ?? [];
      list.push({ interval: iv, file: path.join(this.options.dir, name) });
      list.sort((a, b) => INTERVAL_MS[a.interval] - INTERVAL_MS[b.interval]);
      this.files.set(sym, list);
    }
  }

  private load(f: ReplayFile, symbol: string): Bar[] {
    const stat = fs.statSync(f.file);
    const splitsFile = this.splitFiles.get(symbol.toUpperCase());
    const splitsMtime = splitsFile && fs.existsSync(splitsFile) ? fs.statSync(splitsFile).mtimeMs : undefined;
    if (!f.bars || f.mtimeMs !== stat.mtimeMs || f.splitsMtimeMs !== splitsMtime) {
      let bars = parseCsvBars(fs.readFileSync(f.file, 'utf8'));
      if (splitsFile && splitsMtime !== undefined) {
        try {
          bars = applySplits(bars, parseSplitsCsv(fs.readFileSync(splitsFile, 'utf8')), isIntraday(f.interval));
        } catch (err) {
          throw new ProviderError(this.id, 'malformed', `${path.basename(splitsFile)}: ${(err as Error).message}`);
        }
      }
      f.bars = bars;
      f.mtimeMs = stat.mtimeMs;
      f.splitsMtimeMs = splitsMtime;
    }
    return f.bars;
  }

  /** A bar is visible once it has closed at replay time (daily bars: after that session's close). */
  private visible(bars: Bar[], interval: Interval, now: number): Bar[] {
    const closes = (b: Bar) => (isIntraday(interval) ? b.time + INTERVAL_MS[interval] : (regularSession(new Date(b.time).toISOString().slice(0, 10))?.close ?? b.time + INTERVAL_MS[interval]));
    let hi = bars.length;
    while (hi > 0 && closes(bars[hi - 1]) > now) hi--;
    return hi === bars.length ? bars : bars.slice(0, hi);
  }

  private source(symbol: string, interval: Interval): { file: ReplayFile; resample: boolean } {
    const list = this.files.get(symbol.toUpperCase());
    if (!list) throw new ProviderError(this.id, 'not_found', `no replay file for ${symbol}`);
    const exact = list.find((f) => f.interval === interval);
    if (exact) return { file: exact, resample: false };
    const finer = list.filter((f) => INTERVAL_MS[f.interval] < INTERVAL_MS[interval] && (isIntraday(f.interval) || !isIntraday(interval)));
    if (!finer.length) throw new ProviderError(this.id, 'unsupported', `replay has no ${interval} (or finer) bars for ${symbol}`);
    return { file: finer[finer.length - 1], resample: true };
  }

  async getBars(req: BarsRequest): Promise<BarsResult> {
    const { file, resample } = this.source(req.symbol, req.interval);
    const now = this.options.clock.now();
    const to = Math.min(req.to ?? now, now);
    let bars = this.visible(this.load(file, req.symbol), file.interval, to);
    if (req.extendedHours === false && isIntraday(file.interval)) bars = bars.filter((b) => sessionTag(b.time) === 'regular');
    if (resample) bars = resampleBars(bars, req.interval);
    if (req.from !== undefined) bars = bars.filter((b) => b.time >= req.from!);
    const limit = req.limit ?? (req.from === undefined ? 500 : Infinity);
    if (Number.isFinite(limit) && bars.length > limit) bars = bars.slice(bars.length - limit);
    if (!bars.length) throw new ProviderError(this.id, 'empty', `no replay ${req.interval} bars for ${req.symbol} before ${new Date(to).toISOString()}`);
    return {
      symbol: req.symbol.toUpperCase(),
      interval: req.interval,
      bars,
      data_source: this.id,
      as_of: new Date(bars[bars.length - 1].time).toISOString(),
      stale: false,
    };
  }

  async getQuote(symbol: string, _opts?: CallOptions): Promise<Quote> {
    const list = this.files.get(symbol.toUpperCase());
    if (!list) throw new ProviderError(this.id, 'not_found', `no replay file for ${symbol}`);
    const res = await this.getBars({ symbol, interval: list[0].interval, limit: 1 });
    const last = res.bars[res.bars.length - 1];
    const time = last.time + (isIntraday(list[0].interval) ? INTERVAL_MS[list[0].interval] : 0);
    return { symbol: res.symbol, last: last.close, time, data_source: this.id, as_of: new Date(time).toISOString(), stale: false };
  }

  async getClock(): Promise<MarketClock> {
    return embeddedMarketClock(this.options.clock.now(), this.id);
  }
}
