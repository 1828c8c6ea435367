import type { Bar } from '../../core/bars/bar';
import { INTERVAL_MS, Interval, isIntraday } from '../../core/bars/interval';
import { resampleBars } from '../../core/bars/resample';
import { addDays, etDate } from '../../core/session/et-time';
import { isTradingDay, previousTradingDay } from '../../core/session/nyse-calendar';
import { sessionTag } from '../../core/session/session';
import { LRUCache } from 'lru-cache';
import { ProviderError } from '../provider.errors';
import { embeddedMarketClock } from './market-clock';
import type { BarsRequest, BarsResult, CallOptions, Clock, MarketClock, MarketDataProvider, Quote } from '../provider.types';
import { dailyBarOfDay, minuteBarsOfDay, preparePath, tradingDaysBetween } from './synthetic-path';
import { instrumentOf } from '../../core/instruments/instrument';
import { etDayNumber } from '../../core/session/et-time';
import { sliceDue } from './cpu-slices';
import { packBars, packedBytes, unpackBars, unpackInto, upperBound, type PackedBars } from '../../core/bars/packed-bars';

const SYMBOL = /^[A-Z0-9.^:_-]{1,16}$/;
const DAY = 86_400_000;
/** Default bars returned when the request names no range. */
const DEFAULT_LIMIT = 500;
/** Intraday history limits (days), like vendors': 1m for 30 days, other intraday for a year. */
const MAX_DAYS_1M = 30;
const MAX_DAYS_INTRADAY = 370;
const MAX_DAYS_DAILY = 365 * 12;

/** Bounds of the provider's generated-day caches (minute bars are the expensive part, ~500 bars a day). */
const MINUTE_DAYS_MAX = 300;
const MINUTE_DAYS_MAX_BYTES = 16 * 1024 * 1024;
/**
 * A cached Bar object (the daily-bar cache; minute and resampled days are packed), as measured: a heap
 * snapshot under the soak held 357,655 bar objects in 54.4 MB with their boxed numbers (V8 boxes every
 * non-integer field), ≈ 152 B each + its array slot.
 */
const BAR_BYTES = 160;

/** Bars of `bars` at or after `from` (all of them without a `from`). */
function countFrom(bars: readonly Bar[], from: number | undefined): number {
  if (from === undefined || !bars.length || bars[0].time >= from) return bars.length;
  let n = 0;
  for (const b of bars) if (b.time >= from) n++;
  return n;
}

/**
 * Market data for any symbol from the deterministic synthetic path (id `synthetic`). Bars exist only
 * up to the service clock's "now" (closed minutes), never on holidays or weekends. Labelled as
 * synthetic in every result; never presented as live.
 */
export class SyntheticMarketDataProvider implements MarketDataProvider {
  readonly id = 'synthetic';
  readonly testSymbol = 'SPY';
  /** Generated minute days, packed (packed-bars.ts: 48 B a bar off the heap, nothing for the GC to trace). */
  private readonly minutes = new LRUCache<string, PackedBars>({ max: MINUTE_DAYS_MAX, maxSize: MINUTE_DAYS_MAX_BYTES, sizeCalculation: packedBytes });
  /**
   * Completed days' bars resampled to an intraday interval: a 1h request over 120 days needs 840 bars,
   * not 60,000 minutes held in the minute cache (with a few dozen symbols the minute cache used to
   * thrash and regenerate paths on every request). Buckets never cross an ET day, so per-day
   * resampling gives the same bars as resampling the whole range.
   */
  private readonly resampled = new LRUCache<string, PackedBars>({ max: 20_000, maxSize: 12 * 1024 * 1024, sizeCalculation: packedBytes });
  /** Completed days' daily bars; `null` (a day without a bar) is stored as false. */
  private readonly dailies = new LRUCache<string, Bar | false>({ max: 60_000, maxSize: 10 * 1024 * 1024, sizeCalculation: (v) => (v ? BAR_BYTES : 16) });

  constructor(private readonly options: { clock: Clock }) {}

  private checkSymbol(symbol: string): string {
    const s = String(symbol ?? '').toUpperCase();
    if (!SYMBOL.test(s)) throw new ProviderError(this.id, 'not_found', `invalid symbol "${symbol}"`);
    return s;
  }

  /** Index symbols: the synthetic path generates no index bars (index plans translate via the ETF proxy). */
  private noIndexBars(symbol: string): void {
    const inst = instrumentOf(symbol);
    if (inst.kind === 'index') throw new ProviderError(this.id, 'not_found', `synthetic data has no ${inst.symbol} index bars (translate via ${inst.etf_proxy})`);
  }

  private packedMinutes(symbol: string, date: string): PackedBars {
    const key = `${symbol}|${date}`;
    let p = this.minutes.get(key);
    if (!p) this.minutes.set(key, (p = packBars(minuteBarsOfDay(symbol, date))));
    return p;
  }

  /** A day's minute bars (new objects each call) up to those starting at `lastStart` (all by default). */
  private dayMinutes(symbol: string, date: string, lastStart = Infinity): Bar[] {
    const p = this.packedMinutes(symbol, date);
    return unpackInto(p, [], 0, lastStart === Infinity ? p.length : upperBound(p, lastStart));
  }

  /** Regular-session daily bar of a completed day (cached), stamped 00:00 UTC of the date. */
  private dailyBar(symbol: string, date: string): Bar | null {
    const key = `${symbol}|${date}`;
    const hit = this.dailies.get(key);
    if (hit !== undefined) return hit || null;
    const bar = dailyBarOfDay(symbol, date);
    this.dailies.set(key, bar ?? false);
    return bar;
  }

  async getBars(req: BarsRequest): Promise<BarsResult> {
    const symbol = this.checkSymbol(req.symbol);
    this.noIndexBars(symbol);
    const now = this.options.clock.now();
    const to = Math.min(req.to ?? now, now);
    const interval = req.interval;
    const limit = req.limit ?? (req.from === undefined ? DEFAULT_LIMIT : Infinity);
    const toDate = etDate(to);
    await preparePath(symbol, toDate); // a new symbol's daily path since 2000, built in slices
    let bars: Bar[];
    if (isIntraday(interval)) {
      const maxDays = interval === '1m' ? MAX_DAYS_1M : MAX_DAYS_INTRADAY;
      const perDay = Math.max(1, Math.floor(390 / (INTERVAL_MS[interval] / 60_000)));
      const wantDays = req.from !== undefined ? Math.ceil((to - req.from) / DAY) + 1 : Math.ceil((limit * 7) / (5 * perDay)) + 3;
      const fromDate = addDays(toDate, -Math.min(maxDays, Math.max(1, wantDays)));
      const regularOnly = req.extendedHours === false;
      const dayBars = (d: string, minutes: Bar[]) => {
        const visible = regularOnly ? minutes.filter((b) => sessionTag(b.time) === 'regular') : minutes;
        return interval === '1m' ? visible : resampleBars(visible, interval);
      };
      // Newest day first, stopping once `limit` bars are in hand: the day window is an estimate (thin
      // extended hours, holidays) sized to be enough, and generating its oldest days for bars the
      // limit then drops made a few long 1m/5m requests evict and regenerate every symbol's days.
      const chunks: Bar[][] = [];
      let have = 0;
      const days = tradingDaysBetween(fromDate, toDate);
      for (let i = days.length - 1; i >= 0 && have < limit; i--) {
        const d = days[i];
        const due = sliceDue(); // a cold symbol's days are generated a few at a time, the loop turning between
        if (due) await due;
        let chunk: Bar[];
        if (d === toDate) {
          // today: only the closed minutes so far
          chunk = dayBars(d, this.dayMinutes(symbol, d, to - 60_000));
        } else if (interval === '1m' && !regularOnly) {
          chunk = this.dayMinutes(symbol, d);
        } else {
          const key = `${symbol}|${d}|${interval}|${regularOnly ? 'r' : 'x'}`;
          const hit = this.resampled.get(key);
          if (hit) chunk = unpackBars(hit);
          else this.resampled.set(key, packBars((chunk = dayBars(d, this.dayMinutes(symbol, d)))));
        }
        chunks.push(chunk);
        have += countFrom(chunk, req.from);
      }
      bars = [];
      for (let i = chunks.length - 1; i >= 0; i--) for (const b of chunks[i]) bars.push(b);
    } else {
      const perBarDays = interval === '1W' ? 7 : 1;
      const wantDays = req.from !== undefined ? Math.ceil((to - req.from) / DAY) + 7 : Math.ceil(limit * perBarDays * 1.5) + 10;
      const fromDate = addDays(toDate, -Math.min(MAX_DAYS_DAILY, wantDays));
      // newest first as above; weekly bars are resampled from the whole window, so 1W reads it all
      const need = interval === '1W' ? Infinity : limit;
      const newestFirst: Bar[] = [];
      const days = tradingDaysBetween(fromDate, toDate);
      const from = req.from ?? -Infinity;
      let have = 0;
      for (let i = days.length - 1; i >= 0 && have < need; i--) {
        const d = days[i];
        const due = sliceDue();
        if (due) await due;
        // today's bar is the regular session so far (none before the open)
        const bar = d === toDate ? dailyBarOfDay(symbol, d, to) : this.dailyBar(symbol, d);
        if (bar) {
          newestFirst.push(bar);
          if (bar.time >= from) have++;
        }
      }
      const daily = newestFirst.reverse();
      bars = interval === '1W' ? resampleBars(daily, '1W') : daily;
    }
    if (req.from !== undefined) bars = bars.filter((b) => b.time >= req.from!);
    bars = bars.filter((b) => b.time <= to);
    if (Number.isFinite(limit) && bars.length > limit) bars = bars.slice(bars.length - limit);
    if (!bars.length) throw new ProviderError(this.id, 'empty', `no synthetic ${interval} bars for ${symbol} in the requested range`);
    return {
      symbol,
      interval,
      bars,
      data_source: this.id,
      as_of: new Date(bars[bars.length - 1].time).toISOString(),
      stale: false,
    };
  }

  async getQuote(symbol: string, _opts?: CallOptions): Promise<Quote> {
    const s = this.checkSymbol(symbol);
    const inst = instrumentOf(s);
    if (inst.kind === 'index' && inst.etf_proxy) return this.indexQuote(inst.symbol, inst.etf_proxy);
    const now = this.options.clock.now();
    let date = etDate(now);
    await preparePath(s, date);
    let last: Bar | undefined;
    for (let i = 0; i < 10 && !last; i++) {
      if (isTradingDay(date)) {
        const p = this.packedMinutes(s, date);
        const n = upperBound(p, now - 60_000);
        if (n > 0) last = unpackInto(p, [], n - 1, n)[0];
      }
      date = previousTradingDay(date);
    }
    if (!last) throw new ProviderError(this.id, 'empty', `no synthetic quote for ${s}`);
    const spread = Math.max(0.01, Math.round(last.close * 0.0002 * 100) / 100);
    const prev = this.dailyBar(s, previousTradingDay(etDate(last.time)));
    return {
      symbol: s,
      last: last.close,
      bid: Math.round((last.close - spread / 2) * 100) / 100,
      ask: Math.round((last.close + spread / 2) * 100) / 100,
      time: last.time + 60_000,
      prev_close: prev?.close,
      data_source: this.id,
      as_of: new Date(last.time + 60_000).toISOString(),
      stale: false,
    };
  }

  /**
   * A labelled synthetic index print: the proxy's last regular-session synthetic minute close × a deterministic ratio that
   * drifts from day to day (SPX/SPY ≈ 10.0, NDX/QQQ ≈ 41). It exists so the ratio engine has an index
   * reading to measure against on a fresh machine; it is synthetic data like every other number here.
   */
  private async indexQuote(index: string, proxy: string): Promise<Quote> {
    // an index is computed in the regular session only: outside it the last print is the last regular minute's
    const last = (await this.getBars({ symbol: proxy, interval: '1m', limit: 1, extendedHours: false })).bars[0];
    const base = index === 'NDX' ? 41 : 10;
    const day = etDayNumber(last.time);
    const ratio = base * (1 + 0.004 * Math.sin(day / 37) - 0.002 * Math.cos(day / 11));
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const prev = this.dailyBar(proxy, previousTradingDay(etDate(last.time)));
    return {
      symbol: index,
      last: r2(last.close * ratio),
      time: last.time + 60_000,
      prev_close: prev ? r2(prev.close * ratio) : undefined,
      data_source: this.id,
      as_of: new Date(last.time + 60_000).toISOString(),
      stale: false,
    };
  }

  async getClock(): Promise<MarketClock> {
    return embeddedMarketClock(this.options.clock.now(), this.id);
  }
}

export type { Interval };
