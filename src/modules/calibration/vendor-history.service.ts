import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { CALIBRATED_STYLES, runCalibration } from '../../core/calibration/calibration-run';
import { daysOfMinutes } from '../../core/calibration/csv-days';
import { etDate } from '../../core/session/et-time';
import { previousTradingDay } from '../../core/session/nyse-calendar';
import { regularSession } from '../../core/session/session';
import { MARKET_DATA_PORT, type MarketDataPort } from '../data-ports/data-ports';
import { CalibrationService } from './calibration.service';

/** Trading sessions of 1-minute history fetched before the plan's day (the first two only warm up). */
export const VENDOR_HISTORY_SESSIONS = 22;

export type VendorHistoryState = 'ready' | 'running' | 'failed';

/**
 * Measured odds for plans on a vendor's bars (Polygon, Tradier, Yahoo …) without a prior
 * `npm run calibrate -- --source vendor`: the first plan on a symbol (live or as_of) starts a background
 * job that fetches the regular-session minutes of the sessions before that plan's day through the same
 * provider chain, replays them with the live engine and follower, and adds the rows to that vendor's
 * book. That plan states null with the reason; later plans state what was measured (only outcomes
 * resolved before their moment count, as always). Days served by another source (a fallback) are
 * dropped, so a vendor's book never mixes sources. One job per (vendor, symbol, day) at a time.
 */
@Injectable()
export class VendorHistoryService implements OnModuleDestroy {
  private readonly log = new Logger(VendorHistoryService.name);
  private readonly jobs = new Map<string, { state: VendorHistoryState; done: Promise<void>; error?: string }>();
  private stopped = false;
  /** Jobs run one at a time: a scan over many vendor symbols must not burst the vendor's rate limit. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    @Inject(MARKET_DATA_PORT) private readonly market: MarketDataPort,
    private readonly calibration: CalibrationService,
  ) {}

  onModuleDestroy(): void {
    this.stopped = true;
  }

  /** Start (or report) the history job for `symbol` on `source` before the ET day of `asOfMs`. */
  request(source: string, symbol: string, asOfMs: number): { state: VendorHistoryState; reason: string; done: Promise<void> } {
    const day = etDate(asOfMs);
    const key = `${source}|${symbol.toUpperCase()}|${day}`;
    let job = this.jobs.get(key);
    if (!job) {
      if (this.jobs.size >= 500) this.jobs.delete(this.jobs.keys().next().value as string);
      const entry: { state: VendorHistoryState; done: Promise<void>; error?: string } = { state: 'running', done: Promise.resolve() };
      const run = this.queue.then(() => (this.stopped ? undefined : this.run(source, symbol.toUpperCase(), day)));
      this.queue = run.catch(() => undefined);
      entry.done = run.then(
        () => void (entry.state = 'ready'),
        (err: Error) => {
          entry.state = 'failed';
          entry.error = err.message;
          this.log.warn(`${source} history for ${symbol} before ${day} unavailable: ${err.message}`);
        },
      );
      this.jobs.set(key, entry);
      job = entry;
    }
    const reason =
      job.state === 'running'
        ? `measuring ${source} history for ${symbol.toUpperCase()} (${VENDOR_HISTORY_SESSIONS} sessions before ${day}) in the background: measured odds on a later call`
        : job.state === 'failed'
          ? `${source} history for ${symbol.toUpperCase()} before ${day} unavailable (${job.error})`
          : `too little ${source} history before this moment`;
    return { state: job.state, reason, done: job.done };
  }

  private async run(source: string, symbol: string, day: string): Promise<void> {
    const days: string[] = [];
    for (let d = previousTradingDay(day); days.length < VENDOR_HISTORY_SESSIONS; d = previousTradingDay(d)) days.unshift(d);
    const from = regularSession(days[0])!.open;
    const to = regularSession(days[days.length - 1])!.close - 1;
    const r = await this.market.getBars({ symbol, interval: '1m', from, to, extendedHours: false, limit: 400 * VENDOR_HISTORY_SESSIONS });
    const served = r.data_source.split(',')[0];
    if (served !== source) throw new Error(`history came from ${r.data_source}, not ${source}`);
    const minutes = r.bars.filter((b) => b.time >= from && b.time <= to);
    if (!minutes.length) throw new Error('no 1-minute bars');
    const rows = await runCalibration(daysOfMinutes(symbol, source, minutes), {
      styles: CALIBRATED_STYLES,
      costs: this.calibration.costs,
      pause: async () => {
        if (this.stopped) throw new Error('stopped');
        await yieldToLoop();
      },
    });
    this.calibration.addRows(source, rows);
  }
}
