import { Inject, Injectable, Optional } from '@nestjs/common';
import { AppError, UpstreamError, ValidationFailedError } from '../../common/errors';
import { resolveFilters, type ContractFilters, type ContractStyle } from '../../core/contracts/contract-filters';
import { DEFAULT_RISK_AMOUNT, rankContracts, type PlanAnchors, type RankResult } from '../../core/contracts/rank-contracts';
import type { PlanContractPick } from '../../core/plan/plan.schema';
import { marketStatus } from '../../core/session/session';
import { etDate } from '../../core/session/et-time';
import { CLOCK, type Clock, type OptionChain, type OptionContract, type OptionRight } from '../../providers/provider.types';
import { MARKET_DATA_PORT, OPTIONS_DATA_PORT, type MarketDataPort, type OptionsDataPort } from '../data-ports/data-ports';
import { optionRootOf, settlementNote, tradableOn } from '../../core/instruments/instrument';
import { toProxyLevel } from '../../core/instruments/proxy-ratio';
import { IndexProxyService, type FeedHealth } from '../index-mode/index-proxy.service';

/** DTE ceiling of the index chain (the reference's index gates: 0–45 DTE). */
export const INDEX_MAX_DTE = 45;

/** Set when an index plan executes through its ETF proxy's chain. */
export interface IndexExecution {
  execution_proxy?: { symbol: string; ratio: number; gamma: number | null; ratio_as_of: string; ratio_method: string; note: string };
  /** The request's entry/stop/targets in proxy terms (index level ÷ ratio). */
  translated_levels?: { entry: number | null; stop: number | null; targets: number[] };
  fallback_banner?: string;
  /** Settlement / assignment notes of the contracts returned. */
  execution_notes?: string[];
  fallback_from?: string;
  /** Per source: index_chain, proxy_chain, index_bars, proxy_bars, index_quote. */
  feed_health?: Record<string, FeedHealth>;
}

/** Calendar days the scenario P/L lets pass when the plan states no horizon (theta decay). */
export const DEFAULT_HORIZON_DAYS: Record<ContractStyle, number> = {
  scalp: 30 / 1440, // 30 minutes
  intraday: 120 / 1440, // 2 hours
  swing: 7, // one trading week
  leaps: 30,
};

/** At most this many expirations are fetched per request (each is one upstream chain call). */
const MAX_EXPIRATIONS = 6;

export interface RankArgs {
  symbol: string;
  side: OptionRight;
  style: ContractStyle;
  overrides?: Partial<ContractFilters>;
  plan?: PlanAnchors;
  riskAmount?: number;
  /** One expiration only (YYYY-MM-DD). */
  expiry?: string;
  simulateOpen?: boolean;
  /** Only the best picks are used (see RankInput.picksOnly): no alternatives or table. */
  picksOnly?: boolean;
}

export interface ContractsResult extends RankResult, IndexExecution {
  symbol: string;
  side: OptionRight;
  style: ContractStyle;
  risk_amount: number;
  underlying_price: number | null;
  quote_session: 'regular_open' | 'regular_close';
  expirations_considered: string[];
  /** Why the list is empty when no gate is to blame (no expiration in the DTE window). */
  note: string | null;
  data_source: string;
  as_of: string;
  stale: boolean;
}

export interface SuggestForPlanArgs {
  symbol: string;
  direction: 'long' | 'short';
  /** A contract style; other strings fall back to intraday. */
  style: string;
  entry: number;
  stop: number;
  targets: number[];
  userId?: string;
}

@Injectable()
export class ContractsService {
  constructor(
    @Inject(OPTIONS_DATA_PORT) private readonly options: OptionsDataPort,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(MARKET_DATA_PORT) private readonly market?: MarketDataPort,
    @Optional() private readonly indexProxy?: IndexProxyService,
  ) {}

  /**
   * Index underlyings (SPX, NDX): the index chain first (European, cash-settled, 0–45 DTE, AM roots
   * dropped on their last day); when it fails or nothing passes, the ETF proxy's chain with the plan
   * levels translated by the live ratio, `execution_proxy`, `fallback_banner` and the settlement note.
   */
  async rank(args: RankArgs): Promise<ContractsResult> {
    const pair = this.indexProxy?.pairOf(args.symbol);
    if (!pair) return this.rankOne(args);
    let why: string;
    let indexHealth: FeedHealth = 'failed';
    try {
      const overrides = { ...args.overrides, max_dte: Math.min(args.overrides?.max_dte ?? INDEX_MAX_DTE, INDEX_MAX_DTE) };
      const res = await this.rankOne({ ...args, symbol: pair.index, overrides });
      if (res.best.length) {
        const notes = [...new Set(res.best.map((c) => settlementNote(optionRootOf(c.symbol) || pair.index)))];
        return { ...res, execution_notes: notes, feed_health: { index_chain: res.stale ? 'degraded' : 'healthy' } };
      }
      indexHealth = 'degraded';
      why = res.note ?? 'no index contract passed the gates';
    } catch (err) {
      why = (err as Error).message;
    }
    const r = await this.indexProxy!.ratio(pair.index, pair.proxy);
    const p = args.plan ?? {};
    const tl = (x: number | undefined) => (typeof x === 'number' && x > 0 ? toProxyLevel(x, r.ratio) : undefined);
    const proxyPlan: PlanAnchors = { ...p, entry: tl(p.entry), stop: tl(p.stop), targets: p.targets?.map((t) => toProxyLevel(t, r.ratio)) };
    const res = await this.rankOne({ ...args, symbol: pair.proxy, plan: proxyPlan });
    const gammaText = r.gamma !== null ? ` with γ=${r.gamma.toFixed(3)}` : '';
    return {
      ...res,
      execution_proxy: {
        symbol: pair.proxy,
        ratio: r.ratio,
        gamma: r.gamma,
        ratio_as_of: r.as_of,
        ratio_method: r.method,
        note: `${pair.index} levels ÷ ${r.ratio} = ${pair.proxy} levels (${r.method}, as of ${r.as_of}; source ${r.source}). ${pair.index} chain: ${why}.`,
      },
      translated_levels: { entry: proxyPlan.entry ?? null, stop: proxyPlan.stop ?? null, targets: proxyPlan.targets ?? [] },
      fallback_banner: `Index chain degraded — executing via ${pair.proxy}${gammaText}; ratio ${r.ratio} as of ${r.as_of}.`,
      execution_notes: [settlementNote(pair.proxy)],
      fallback_from: `${pair.index}_chain`,
      feed_health: { index_chain: indexHealth, proxy_chain: res.stale ? 'degraded' : 'healthy', ...r.feed_health },
    };
  }

  private async rankOne(args: RankArgs): Promise<ContractsResult> {
    const nowMs = this.clock.now();
    const open = args.simulateOpen === true || marketStatus(nowMs).status === 'open';
    const horizonDays = args.plan?.horizonDays ?? DEFAULT_HORIZON_DAYS[args.style];
    const plan: PlanAnchors = { ...args.plan, horizonDays };
    const { chain, expirations } = await this.loadChain(args, nowMs, open, horizonDays);
    const spot = await this.spot(args.symbol, chain);
    if (!(spot > 0)) throw new UpstreamError(`No underlying price for ${args.symbol}`, 502, 'no_underlying_price');
    const riskAmount = args.riskAmount ?? DEFAULT_RISK_AMOUNT;
    const ranked = rankContracts({
      contracts: chain.contracts,
      symbol: args.symbol,
      side: args.side,
      style: args.style,
      spot,
      nowMs,
      marketOpen: open,
      overrides: args.overrides,
      plan,
      riskAmount,
      picksOnly: args.picksOnly === true,
    });
    return {
      symbol: args.symbol,
      side: args.side,
      style: args.style,
      risk_amount: riskAmount,
      underlying_price: spot,
      quote_session: open ? 'regular_open' : 'regular_close',
      expirations_considered: expirations,
      ...ranked,
      note: expirations.length === 0 ? `no ${args.symbol} expiration within the ${args.style} DTE window (±2 days)` : null,
      data_source: chain.data_source,
      as_of: chain.as_of,
      stale: chain.stale,
    };
  }

  /**
   * Top picks for a plan (FF_OPTIONS_ALWAYS). Never throws: when nothing qualifies or the chain is
   * unavailable the list is empty and `options_note` says why.
   */
  async suggestForPlan(args: SuggestForPlanArgs): Promise<{ options_contracts: PlanContractPick[]; options_note: string | null }> {
    const style = (['scalp', 'intraday', 'swing', 'leaps'] as const).find((s) => s === args.style) ?? 'intraday';
    const side: OptionRight = args.direction === 'short' ? 'put' : 'call';
    try {
      const res = await this.rank({
        symbol: args.symbol.trim().toUpperCase(),
        side,
        style,
        plan: { entry: args.entry, stop: args.stop, targets: args.targets },
        // a plan carries the best picks only (and, when none passed, the non-side rejections)
        picksOnly: true,
      });
      if (res.best.length === 0) {
        if (res.note) return { options_contracts: [], options_note: `No ${side} contracts: ${res.note}.` };
        const why = res.rejections
          .filter((r) => r.reason !== 'SIDE_MISMATCH')
          .map((r) => `${r.count} ${r.message}`)
          .join('; ');
        return {
          options_contracts: [],
          options_note: `No ${side} contracts passed the ${style} liquidity gates after relaxation${why ? ` (${why})` : ''}.`,
        };
      }
      const notes = [
        res.relaxed_filters ? `Filters relaxed (${res.relaxation_reasons.join(', ')}) to find contracts.` : null,
        res.fallback_banner ?? null,
        ...(res.execution_proxy ? (res.execution_notes ?? []) : []),
      ].filter((x): x is string => !!x);
      const note = notes.length ? notes.join(' ') : null;
      return {
        options_contracts: res.best.map((c) => ({ ...c, quote_session: res.quote_session, as_of: res.as_of, data_source: res.data_source })),
        options_note: note,
      };
    } catch (err) {
      const msg = err instanceof AppError || err instanceof Error ? err.message : String(err);
      return { options_contracts: [], options_note: `Options chain unavailable: ${msg}` };
    }
  }

  /**
   * The contracts of one expiration's chain still tradable on ET date `today` (AM-settled roots stop
   * the business day before expiry). Kept per contract list while it lives (a cached chain answer
   * carries the same array on every hit, so the filter runs once per chain fetch; the WeakMap holds
   * nothing the bounded chain cache has dropped).
   */
  private readonly tradableByChain = new WeakMap<readonly OptionContract[], { symbol: string; today: string; contracts: OptionContract[] }>();

  private tradable(chain: OptionChain, symbol: string, today: string): OptionContract[] {
    const list: readonly OptionContract[] = Array.isArray(chain.contracts) ? chain.contracts : [chain.contracts as never]; // as flatMap treats a non-array
    const hit = Array.isArray(chain.contracts) ? this.tradableByChain.get(chain.contracts) : undefined;
    if (hit && hit.symbol === symbol && hit.today === today) return hit.contracts;
    // tradable depends on the root and expiration only: decided once per pair
    const byRoot = new Map<string, boolean>();
    const contracts = list.filter((c) => {
      const root = optionRootOf(c.symbol) || symbol;
      const k = `${root}|${c.expiration}`;
      let ok = byRoot.get(k);
      if (ok === undefined) byRoot.set(k, (ok = tradableOn(root, c.expiration, today)));
      return ok;
    });
    if (Array.isArray(chain.contracts)) this.tradableByChain.set(chain.contracts, { symbol, today, contracts });
    return contracts;
  }

  private async spot(symbol: string, chain: OptionChain): Promise<number> {
    if (typeof chain.underlying_price === 'number' && chain.underlying_price > 0) return chain.underlying_price;
    if (!this.market) return NaN;
    const q = await this.market.getQuote(symbol);
    return q.last;
  }

  /**
   * Fetch the expirations that can matter: those inside the widest DTE window the relaxation ladder
   * may reach (±2 days), nearest first, at most MAX_EXPIRATIONS. One chain call per expiration.
   */
  private async loadChain(args: RankArgs, nowMs: number, open: boolean, horizonDays: number): Promise<{ chain: OptionChain; expirations: string[] }> {
    if (args.expiry) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(args.expiry)) throw ValidationFailedError.field('expiry', 'must be YYYY-MM-DD');
      const chain = await this.options.getChain({ underlying: args.symbol, expiration: args.expiry });
      return { chain, expirations: [args.expiry] };
    }
    const f = resolveFilters({ style: args.style, overrides: args.overrides, marketOpen: open, horizonDays });
    const today = etDate(nowMs);
    const todayMs = Date.parse(`${today}T00:00:00Z`);
    const dte = (ymd: string) => Math.round((Date.parse(`${ymd}T00:00:00Z`) - todayMs) / 86_400_000);
    const exps = await this.options.getExpirations(args.symbol);
    const wanted = exps.expirations
      .filter((e) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(e)) return false;
        const d = dte(e);
        return d >= Math.max(0, f.min_dte - 2) && d <= f.max_dte + 2;
      })
      .sort()
      .slice(0, MAX_EXPIRATIONS);
    if (wanted.length === 0) {
      return {
        chain: { underlying: args.symbol, underlying_price: null, contracts: [], data_source: exps.data_source, as_of: exps.as_of, stale: exps.stale },
        expirations: [],
      };
    }
    const chains = await Promise.all(wanted.map((e) => this.options.getChain({ underlying: args.symbol, expiration: e })));
    // AM-settled roots (SPX, NDX monthlies) stop trading the business day before expiry
    const contracts: OptionContract[] = chains.flatMap((c) => this.tradable(c, args.symbol, today));
    const first = chains[0];
    return {
      chain: {
        underlying: args.symbol,
        underlying_price: chains.map((c) => c.underlying_price).find((p) => typeof p === 'number' && p > 0) ?? null,
        contracts,
        data_source: [...new Set(chains.map((c) => c.data_source))].join(','),
        as_of: chains.map((c) => c.as_of).sort()[chains.length - 1] ?? first.as_of,
        stale: chains.some((c) => c.stale),
      },
      expirations: wanted,
    };
  }
}
