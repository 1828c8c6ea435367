/** Per-user watchlists (issue 16), stored by WatchlistStore on both stores. Another user's list is "not found". */
export interface WatchlistRecord {
  name: string;
  tickers: string[];
  /** ISO-8601 UTC. */
  created_at: string;
  updated_at: string;
}

export interface WatchlistApi {
  /** The list, or NotFoundError (unknown name or another user's). */
  get(userId: string, name: string): Promise<WatchlistRecord>;
  /** Create or replace; `created` says which. Names and tickers are validated (400 naming the field). */
  put(userId: string, name: string, tickers: unknown): Promise<WatchlistRecord & { created: boolean }>;
  /** NotFoundError when there is nothing to delete for this user. */
  delete(userId: string, name: string): Promise<void>;
  /** This user's lists (name, ticker count), alphabetically. */
  list(userId: string): Promise<Array<{ name: string; count: number; updated_at: string }>>;
  /** Every ticker on any user's list (the after-close IV recorder visits them), alphabetically. */
  allTickers(): Promise<string[]>;
}

export const WATCHLISTS = Symbol('WATCHLISTS');
