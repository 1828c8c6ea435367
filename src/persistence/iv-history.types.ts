/**
 * The daily ATM-IV series (issue 16): one 30-day constant-maturity ATM IV per symbol and ET session day,
 * recorded by IvHistoryStore (src/persistence/iv-history-store.service.ts) on both stores.
 */
export interface AtmIvPointRecord {
  symbol: string;
  /** ET session day, YYYY-MM-DD. */
  day: string;
  /** 30-day constant-maturity ATM IV, fraction (0.25 = 25 %). */
  iv: number;
  /** Where the chain came from (options provider id: tradier, polygon, synthetic …) or `vendor_history:<id>` for a backfill. */
  source: string;
  /** interpolated | exact | extrapolated_flat (atm-iv.ts) or `vendor` for a vendor's own series. */
  method: string;
  /** Expirations the value was interpolated from. */
  expirations: string[];
  /** True when recorded after that session's close (the day's final value). */
  at_close: boolean;
  /** Epoch ms when written. */
  recorded_at: number;
}

export type AtmIvPointInput = Omit<AtmIvPointRecord, 'recorded_at'> & { recorded_at?: number };

export interface IvHistoryApi {
  /**
   * Write one day's value. Once per session: a day already holding a closing value (`at_close`) is
   * kept; an intraday value is replaced by a later one. Returns whether the row was written.
   */
  record(p: AtmIvPointInput): Promise<boolean>;
  /** Many days at once (vendor backfill), same rule per day; returns how many rows were written. */
  recordMany(points: AtmIvPointInput[]): Promise<number>;
  /** Days of one symbol, oldest first; `fromDay`/`toDay` inclusive; at most `limit` most recent (default 400). */
  series(symbol: string, opts?: { fromDay?: string; toDay?: string; limit?: number }): Promise<AtmIvPointRecord[]>;
  /** Mark a symbol as analysed (the after-close recorder visits it). */
  track(symbol: string, atMs?: number): Promise<void>;
  /** Every analysed symbol (tracked, or with a stored plan), alphabetically. */
  tracked(): Promise<string[]>;
}

export const IV_HISTORY = Symbol('IV_HISTORY');
