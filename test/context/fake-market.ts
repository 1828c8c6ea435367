/**
 * Fake MarketDataPort over recorded bars (shared fixtures, read in place), counting upstream calls.
 * Daily = LEAN SPY raw daily; 1h = LEAN SPY hourly; intraday minute intervals = SPY 1-minute
 * 2023-08-03 resampled. Bars after `asOfMs` are hidden (as a provider at that time would).
 */
import type { Bar } from '../../src/core/bars/bar';
import type { Interval } from '../../src/core/bars/interval';
import { parseCsvBars } from '../../src/core/bars/parse-csv-bars';
import { resampleBars } from '../../src/core/bars/resample';
import type { BarsQuery, MarketDataPort } from '../../src/modules/data-ports/data-ports';
import type { Quote } from '../../src/providers/provider.types';
import { readFixtureText } from '../support/fixtures';

let dailyCache: Bar[] | null = null;
export function spyDaily(): Bar[] {
  dailyCache ??= parseCsvBars(readFixtureText('bars', 'lean_spy_1d_raw_1998-01-02_2021-03-31.csv'));
  return dailyCache;
}

export class FakeMarket implements MarketDataPort {
  readonly calls: BarsQuery[] = [];
  quoteCalls = 0;
  /** Resolves pending getBars calls; lets a test hold them open to prove single-flight. */
  gate: Promise<void> = Promise.resolve();

  constructor(
    private readonly asOfMs: number,
    private readonly series: Partial<Record<Interval, Bar[]>> = {},
  ) {}

  async getBars(q: BarsQuery) {
    this.calls.push(q);
    await this.gate;
    const all = q.interval === '1D' ? spyDaily() : (this.series[q.interval] ?? this.intraday(q.interval));
    let bars = all.filter((b) => b.time <= this.asOfMs);
    if (q.limit !== undefined) bars = bars.slice(-q.limit);
    return {
      symbol: q.symbol,
      interval: q.interval,
      bars,
      data_source: 'replay',
      as_of: bars.length ? new Date(bars[bars.length - 1].time).toISOString() : new Date(this.asOfMs).toISOString(),
      stale: false,
    };
  }

  async getQuote(symbol: string): Promise<Quote> {
    this.quoteCalls++;
    const d = spyDaily().filter((b) => b.time <= this.asOfMs);
    const last = d[d.length - 1];
    return { symbol, last: last.close, time: last.time, data_source: 'replay', as_of: new Date(last.time).toISOString(), stale: false };
  }

  callsFor(interval: Interval): number {
    return this.calls.filter((c) => c.interval === interval).length;
  }

  /** Series requests of an interval (not the ranged requests for the sessions key levels describe). */
  seriesCallsFor(interval: Interval): number {
    return this.calls.filter((c) => c.interval === interval && c.from === undefined).length;
  }

  private intraday(interval: Interval): Bar[] {
    if (interval === '1W') return resampleBars(spyDaily(), '1W');
    if (interval === '1h') return parseCsvBars(readFixtureText('bars', 'lean_spy_1h_raw_2019-01-02_2021-03-31.csv'));
    const minute = parseCsvBars(readFixtureText('bars', 'lean_spy_1m_2023-08-03.csv'));
    return interval === '1m' ? minute : resampleBars(minute, interval);
  }
}
