import type { ScanCandidate } from '../../core/plan/scan-candidate';

/** One page of POST /gpt/scan (ScanPageDto implements it). */
export interface ScanPage {
  /** Provider id of the numbers, "mixed" when candidates differ (each says its own), null when no data. */
  data_source: string | null;
  /** Service clock time, ISO UTC. */
  as_of: string;
  planning_context: 'live' | 'next_session' | 'historical';
  banner: string | null;
  banners: string[];
  meta: {
    style: string;
    limit: number;
    universe_count: number;
    simulated_open: boolean;
    market_status: 'pre' | 'open' | 'post' | 'closed';
    data_sources: string[];
    total_candidates: number;
    offset: number;
    elapsed_ms: number;
  };
  candidates: ScanCandidate[];
  count_candidates: number;
  next_cursor: string | null;
  errors: Array<{ symbol: string; code: string; message: string }>;
  no_setup: Array<{ symbol: string; reason: string }>;
  no_setup_count: number;
  warnings: string[];
  /** How each universe entry expanded (tickers, watchlist:<name>, TOP<k>, sp500 …), in request order. */
  universe_expansion?: Array<{ token: string; kind: 'ticker' | 'watchlist' | 'top' | 'index'; count: number; symbols: string[]; source: string; note?: string }>;
}
