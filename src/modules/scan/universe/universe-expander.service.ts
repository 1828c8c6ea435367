import { Inject, Injectable, Optional } from '@nestjs/common';
import pLimit from 'p-limit';
import { UnprocessableError, ValidationFailedError, type FieldProblem } from '../../../common/errors';
import { normalizeTicker } from '../../../core/symbols/ticker';
import { MAX_UNIVERSE } from '../dto/scan-request.dto';
import { ALLOWED_UNIVERSE_FORMS, dollarVolume, LIQUIDITY_POOL, parseUniverseToken, STATIC_INDEX_DEFAULTS, UNIVERSE_ENTRY_PATTERN, type UniverseToken } from '../../../core/symbols/universe-tokens';

const UNIVERSE_ENTRY_RE = new RegExp(UNIVERSE_ENTRY_PATTERN);
import { WATCHLISTS, type WatchlistApi } from '../../../persistence/watchlist.types';
import { CLOCK, type Clock } from '../../../providers/provider.types';
import { MARKET_DATA_PORT, type MarketDataPort } from '../../data-ports/data-ports';

/** A vendor that lists index constituents (none of the configured adapters does today: static defaults apply). */
export interface ConstituentsVendor {
  readonly id: string;
  constituents(index: 'sp500' | 'nasdaq100'): Promise<string[]>;
}
export const CONSTITUENTS_VENDOR = Symbol('CONSTITUENTS_VENDOR');

export interface TokenExpansion {
  token: string;
  kind: UniverseToken['kind'];
  count: number;
  symbols: string[];
  /** ticker | watchlist | dollar_volume:<bar sources> | vendor:<id> | static_default */
  source: string;
  note?: string;
}

/** Largest universe a scan accepts after expansion. */
export const MAX_EXPANDED_UNIVERSE = MAX_UNIVERSE;
/** The dollar-volume ranking is reused this long (spec §1 lists universe lists among the cached reads). */
export const LIQUIDITY_TTL_MS = 15 * 60_000;
const RANK_CONCURRENCY = 8;
const RANK_SESSIONS = 20;

/** The names TOP<k> ranks: TOP_LIQUIDITY_POOL (comma-separated tickers) when set, else the built-in pool. */
export function liquidityPool(env: string | undefined = process.env.TOP_LIQUIDITY_POOL): string[] {
  const own = (env ?? '')
    .split(/[\s,]+/)
    .map((x) => normalizeTicker(x))
    .filter((x): x is string => x !== null);
  return own.length ? [...new Set(own)] : [...LIQUIDITY_POOL];
}

interface Ranking {
  at: number;
  ranked: Array<{ symbol: string; dollar_volume: number }>;
  sources: string[];
  failed: number;
}

/**
 * Expands POST /gpt/scan universe tokens into tickers before the scan runs (the scan's candidate
 * computation is untouched). Tokens: core/symbols/universe-tokens.ts.
 */
@Injectable()
export class UniverseExpander {
  private ranking?: Ranking;
  private readonly pool = liquidityPool();
  private ranking$?: Promise<Ranking>;

  constructor(
    @Inject(MARKET_DATA_PORT) private readonly market: MarketDataPort,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(WATCHLISTS) private readonly watchlists?: WatchlistApi,
    @Optional() @Inject(CONSTITUENTS_VENDOR) private readonly vendor?: ConstituentsVendor,
  ) {}

  async expand(userId: string, tokens: string[]): Promise<{ symbols: string[]; expansion: TokenExpansion[] }> {
    const parsed = tokens.map((t) => parseUniverseToken(t));
    const problems: FieldProblem[] = [];
    const unnamed: FieldProblem[] = [];
    parsed.forEach((p, i) => {
      if (p) return;
      const problem = { field: 'universe', message: `entry ${i} "${String(tokens[i]).slice(0, 40)}" is not a ticker or universe token; allowed: ${ALLOWED_UNIVERSE_FORMS}` };
      // outside the published entry pattern: 400; inside it but naming nothing (TOP0, TOP300): 422
      (typeof tokens[i] === 'string' && UNIVERSE_ENTRY_RE.test(tokens[i]) ? unnamed : problems).push(problem);
    });
    if (problems.length) throw new ValidationFailedError(problems.slice(0, 20));
    if (unnamed.length) throw new UnprocessableError(unnamed.slice(0, 20));
    const expansion: TokenExpansion[] = [];
    for (let i = 0; i < parsed.length; i++) expansion.push(await this.one(userId, tokens[i], parsed[i]!));
    const symbols = [...new Set(expansion.flatMap((e) => e.symbols))];
    if (symbols.length > MAX_EXPANDED_UNIVERSE) throw UnprocessableError.field('universe', `expands to ${symbols.length} distinct tickers; at most ${MAX_EXPANDED_UNIVERSE} per scan`);
    return { symbols, expansion };
  }

  private async one(userId: string, token: string, p: UniverseToken): Promise<TokenExpansion> {
    const out = (symbols: string[], source: string, note?: string): TokenExpansion => ({ token, kind: p.kind, count: symbols.length, symbols, source, ...(note ? { note } : {}) });
    switch (p.kind) {
      case 'ticker':
        return out([p.symbol], 'ticker');
      case 'watchlist': {
        if (!this.watchlists) throw ValidationFailedError.field('universe', 'watchlists need the store, which is not configured');
        const w = await this.watchlists.get(userId, p.name); // another user's list: 404
        return out(w.tickers, 'watchlist', w.tickers.length ? undefined : `watchlist ${p.name} is empty`);
      }
      case 'top': {
        const r = await this.liquidity();
        const picked = r.ranked.slice(0, p.k).map((x) => x.symbol);
        const note = [
          `ranked by mean traded dollar volume (close × volume) over the last ${RANK_SESSIONS} daily bars among ${this.pool.length} liquid names (TOP_LIQUIDITY_POOL, default: index ETFs and the static index lists)`,
          picked.length < p.k ? `only ${picked.length} names could be ranked` : '',
          r.failed ? `${r.failed} names had no daily bars` : '',
        ]
          .filter(Boolean)
          .join('; ');
        return out(picked, `dollar_volume:${r.sources.join('+') || 'none'}`, note);
      }
      case 'index': {
        if (this.vendor) {
          const list = await this.vendor.constituents(p.index);
          return out(list, `vendor:${this.vendor.id}`);
        }
        return out(
          [...STATIC_INDEX_DEFAULTS[p.index]],
          'static_default',
          `no configured vendor supplies ${p.index} constituents: static default list of ${STATIC_INDEX_DEFAULTS[p.index].length} large members (docs/watchlists.md), not the live index`,
        );
      }
    }
  }

  /** The pool ranked by dollar volume, cached LIQUIDITY_TTL_MS; single-flight. */
  private async liquidity(): Promise<Ranking> {
    const now = this.clock.now();
    if (this.ranking && Math.abs(now - this.ranking.at) < LIQUIDITY_TTL_MS) return this.ranking;
    this.ranking$ ??= this.rank(now).finally(() => (this.ranking$ = undefined));
    this.ranking = await this.ranking$;
    return this.ranking;
  }

  private async rank(now: number): Promise<Ranking> {
    const gate = pLimit(RANK_CONCURRENCY);
    const sources = new Set<string>();
    let failed = 0;
    const rows = await Promise.all(
      this.pool.map((symbol) =>
        gate(async () => {
          try {
            const r = await this.market.getBars({ symbol, interval: '1D', limit: RANK_SESSIONS });
            const dv = dollarVolume(r.bars ?? [], RANK_SESSIONS);
            if (!Number.isFinite(dv)) {
              failed++;
              return null;
            }
            sources.add(r.data_source);
            return { symbol, dollar_volume: dv };
          } catch {
            failed++;
            return null;
          }
        }),
      ),
    );
    const ranked = rows.filter((x): x is { symbol: string; dollar_volume: number } => x !== null).sort((a, b) => b.dollar_volume - a.dollar_volume || a.symbol.localeCompare(b.symbol));
    return { at: now, ranked, sources: [...sources].sort(), failed };
  }
}
