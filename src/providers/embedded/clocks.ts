import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../provider.types';
import { parseCsvBars } from '../../core/bars/parse-csv-bars';
import { regularSession } from '../../core/session/session';
import { etDate } from '../../core/session/et-time';

/** Wall time (Date.now). */
export class SystemClock implements Clock {
  readonly kind = 'system';
  now(): number {
    return Date.now();
  }
}

/** A clock tests pin and move by hand. */
export class FixedClock implements Clock {
  readonly kind = 'fixed';
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  set(t: number): void {
    this.t = t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface ReplayClockOptions {
  /** `live`: run from `start` at `speed` × wall time, looping at `end`; `end`: stand at `end`. */
  mode: 'live' | 'end';
  speed: number;
  /** Replay window in UTC ms (first regular open … after the last bar). */
  start: number;
  end: number;
  /** Wall-time source (tests pin it). */
  wallNow?: () => number;
}

/**
 * Maps wall time onto a recorded period so "live" ticks, bars and plan deltas happen offline.
 * In `live` mode the replay starts at the first regular-session open in the files when the service
 * starts and advances `speed` × faster than wall time, looping back to the start after the end.
 */
export class ReplayClock implements Clock {
  readonly kind = 'replay';
  private readonly wallNow: () => number;
  private readonly wallStart: number;

  constructor(readonly options: ReplayClockOptions) {
    this.wallNow = options.wallNow ?? Date.now;
    this.wallStart = this.wallNow();
  }

  now(): number {
    const { mode, speed, start, end } = this.options;
    if (mode === 'end' || !(end > start)) return end;
    const elapsed = (this.wallNow() - this.wallStart) * speed;
    return start + (elapsed % (end - start));
  }

  /**
   * Scan `{SYMBOL}_{interval}.csv` files for the replay window; null when the folder has no bars.
   * Intraday files define the window when there are any (daily files then only supply history).
   */
  static windowOf(dir: string): { start: number; end: number } | null {
    let files: string[];
    try {
      files = fs.readdirSync(dir).filter((f) => /^[A-Za-z0-9.^_-]+_[0-9]+[a-zA-Z]+\.csv$/.test(f));
    } catch {
      return null;
    }
    const intraday = files.filter((f) => !/_1[DW]\.csv$/i.test(f));
    if (intraday.length) files = intraday;
    let start = Infinity;
    let end = -Infinity;
    for (const f of files) {
      const bars = parseCsvBars(fs.readFileSync(path.join(dir, f), 'utf8'));
      if (!bars.length) continue;
      const daily = /_1[DW]\.csv$/i.test(f);
      const firstDate = daily ? new Date(bars[0].time).toISOString().slice(0, 10) : etDate(bars[0].time);
      const open = regularSession(firstDate)?.open ?? bars[0].time;
      start = Math.min(start, open);
      const last = bars[bars.length - 1];
      const lastEnd = daily ? (regularSession(new Date(last.time).toISOString().slice(0, 10))?.close ?? last.time) : last.time + 60_000;
      end = Math.max(end, lastEnd);
    }
    return Number.isFinite(start) && end > start ? { start, end } : null;
  }
}
