import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import { AppError, UnprocessableError } from '../../common/errors';
import type { Style } from '../../core/strategies/strategy.types';
import { marketStatus } from '../../core/session/session';
import { ProviderError } from '../../providers/provider.errors';
import { CLOCK, type Clock } from '../../providers/provider.types';
import { assemblePlan, dataBanners, type AssembledPlan } from '../../core/plan/assemble-plan';
import { toScanCandidate, type UnsavedScanCandidate } from '../../core/plan/scan-candidate';
import { PlanService } from '../plan/plan.service';
import { SymbolAnalysis, SymbolAnalyzer } from '../plan/symbol-analyzer.service';
import type { ScanPage } from './scan-page.types';
import { decodeCursor, encodeCursor } from './scan-cursor';
import { LoopYield } from './loop-yield';

/** Tickers analysed at once (each costs ≤ 2 market-data calls). */
const CONCURRENCY = 8;
/** Options lookups / saves at once for the candidates of one page. */
const PAGE_CONCURRENCY = 4;
/** Work budget of one scan; tickers not analysed by then are reported with code "timeout". */
const SCAN_BUDGET_MS = 30_000;
/** JSON characters one page may use (GPT Actions cap bodies at 100,000). */
const PAGE_CHAR_BUDGET = 95_000;
const MAX_NO_SETUP_LISTED = 50;
/** Ranked results are kept this long so next_cursor pages do not re-scan. */
const RESULT_TTL_MS = 10 * 60_000;
const MAX_CACHED_SCANS = 50;
/** Longest stretch of scan work between two returns to the event loop (issue 13: never block ~20 ms). */
const YIELD_SLICE_MS = 8;

export interface ScanArgs {
  userId: string;
  universe: string[];
  style: Style;
  limit?: number;
  simulateOpen?: boolean;
  cursor?: string;
  includeSeries?: boolean;
  /** Scan as of this past moment (UTC ms): historical plans, never replacing live ones. */
  asOfMs?: number;
  /** Characters the caller adds to the page (e.g. universe_expansion): kept out of the page budget. */
  reserveChars?: number;
}

interface ScanResult {
  /** Cache id that next_cursor refers to. */
  id: string;
  key: string;
  ranked: SymbolAnalysis[];
  errors: Array<{ symbol: string; code: string; message: string }>;
  noSetup: Array<{ symbol: string; reason: string }>;
  analyses: SymbolAnalysis[];
  elapsedMs: number;
  createdAt: number;
}

function errorCode(err: unknown): string {
  if (err instanceof ProviderError) return err.kind;
  if (err instanceof AppError) return err.code;
  return 'analysis_failed';
}

/** Why a symbol has no candidate: the first rejection, else the most informative non-window reason. */
function noSetupReason(a: SymbolAnalysis): string {
  if (a.rejected.length) return `${a.rejected[0].strategy_id}: ${a.rejected[0].violations[0].message}`;
  const nf = a.not_fired.find((n) => !/window/.test(n.reason)) ?? a.not_fired[0];
  return nf ? `${nf.strategy_id}: ${nf.reason}` : 'no playbook fired';
}

/**
 * POST /gpt/scan: every playbook of the style on every ticker (bounded concurrency and a time budget),
 * ranked by composite score, paged under 100k JSON characters; each returned plan is persisted first.
 */
@Injectable()
export class ScanService {
  private readonly results = new Map<string, ScanResult>();

  constructor(
    private readonly analyzer: SymbolAnalyzer,
    private readonly plans: PlanService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async scan(args: ScanArgs): Promise<ScanPage> {
    const universe = [...new Set(args.universe.map((s) => s.toUpperCase()))];
    const limit = args.limit ?? 20;
    const key = `${args.userId}|${args.style}|${limit}|${args.simulateOpen === true}|${args.asOfMs ?? 'now'}|${universe.join(',')}`;
    let offset = 0;
    let result: ScanResult | undefined;
    if (args.cursor) {
      const c = decodeCursor(args.cursor);
      // fits the cursor pattern, but is no page of any scan: 422 (the schema cannot tell)
      if (!c) throw UnprocessableError.field('cursor', 'must be a next_cursor value from a previous page');
      offset = c.o;
      const cached = this.results.get(c.s);
      if (cached && cached.key === key && Date.now() - cached.createdAt < RESULT_TTL_MS) result = cached;
    }
    result ??= await this.run(key, universe, args.style, limit, args.simulateOpen === true, args.asOfMs);
    return this.page(result, args, limit, offset);
  }

  private async run(key: string, universe: string[], style: Style, limit: number, simulateOpen: boolean, asOfMs?: number): Promise<ScanResult> {
    const started = Date.now();
    const deadline = started + SCAN_BUDGET_MS;
    const gate = pLimit(CONCURRENCY);
    // yield to the event loop between symbols whenever a slice of work has run (cached bars never yield on their own)
    const loop = new LoopYield(YIELD_SLICE_MS);
    const settled = await Promise.all(
      universe.map((symbol) =>
        gate(async () => {
          await loop.due();
          const left = deadline - Date.now();
          if (left <= 0) return { symbol, error: { code: 'timeout', message: 'scan time budget exhausted before this ticker' } };
          let timer: NodeJS.Timeout | undefined;
          try {
            const a = await Promise.race([
              this.analyzer.analyze(symbol, style, { simulateOpen, asOfMs }),
              new Promise<never>((_, reject) => {
                timer = setTimeout(() => reject(new ProviderError('scan', 'timeout', `no answer within the scan budget`)), left);
              }),
            ]);
            return { symbol, analysis: a };
          } catch (err) {
            return { symbol, error: { code: errorCode(err), message: err instanceof Error ? err.message : String(err) } };
          } finally {
            if (timer) clearTimeout(timer);
          }
        }),
      ),
    );
    const analyses = settled.flatMap((s) => (s.analysis ? [s.analysis] : []));
    const ranked = analyses
      .filter((a) => a.best)
      .sort((a, b) => b.best!.plan.composite_score - a.best!.plan.composite_score || a.symbol.localeCompare(b.symbol))
      .slice(0, limit);
    const result: ScanResult = {
      id: randomBytes(9).toString('base64url'),
      key,
      ranked,
      analyses,
      errors: settled.flatMap((s) => (s.error ? [{ symbol: s.symbol, ...s.error }] : [])),
      noSetup: analyses.filter((a) => !a.best).map((a) => ({ symbol: a.symbol, reason: noSetupReason(a) })),
      elapsedMs: Date.now() - started,
      createdAt: Date.now(),
    };
    this.results.set(result.id, result);
    for (const [k, v] of this.results) if (this.results.size > MAX_CACHED_SCANS || Date.now() - v.createdAt > RESULT_TTL_MS) this.results.delete(k);
    return result;
  }

  private async page(result: ScanResult, args: ScanArgs, limit: number, offset: number): Promise<ScanPage> {
    const kind = args.asOfMs !== undefined ? 'historical' : 'live';
    const nowMs = args.asOfMs ?? this.clock.now();
    const status = marketStatus(nowMs).status;
    const first = result.analyses[0];
    const planningContext: ScanPage['planning_context'] = args.asOfMs !== undefined ? 'historical' : args.simulateOpen || status === 'open' ? 'live' : 'next_session';
    const banners = first ? dataBanners({ ...first, simulated_open: args.simulateOpen === true, now_ms: nowMs, market_status: status, planning_context: planningContext }) : [];
    const sources = [...new Set(result.analyses.map((a) => a.data_source))];
    const envelope: ScanPage = {
      // where the numbers came from: one provider id, or "mixed" (each candidate says its own)
      data_source: sources.length === 1 ? sources[0] : sources.length ? 'mixed' : null,
      as_of: new Date(nowMs).toISOString(),
      planning_context: planningContext,
      banner: result.ranked.length ? (banners[0] ?? null) : 'SCAN_NO_CANDIDATES',
      banners,
      meta: {
        style: args.style,
        limit,
        universe_count: new Set(args.universe).size,
        simulated_open: args.simulateOpen === true,
        market_status: status,
        data_sources: sources,
        total_candidates: result.ranked.length,
        offset,
        elapsed_ms: result.elapsedMs,
      },
      candidates: [],
      count_candidates: 0,
      next_cursor: null,
      errors: result.errors,
      no_setup: result.noSetup.slice(0, MAX_NO_SETUP_LISTED),
      no_setup_count: result.noSetup.length,
      warnings: result.noSetup.length > MAX_NO_SETUP_LISTED ? [`no_setup lists ${MAX_NO_SETUP_LISTED} of ${result.noSetup.length} tickers`] : [],
    };
    // room for the cursor string that may be added at the end
    let used = JSON.stringify(envelope).length + 120 + (args.reserveChars ?? 0);
    const chosen: Array<{ a: SymbolAnalysis; prepared: AssembledPlan; candidate: UnsavedScanCandidate }> = [];
    const gate = pLimit(PAGE_CONCURRENCY);
    let k = offset;
    let full = false;
    const loop = new LoopYield(YIELD_SLICE_MS);
    // Options are looked up only for the candidates expected to fit: each round predicts the fit from the
    // size without options plus the mean options size seen so far (+1 spare), then decides exactly as
    // before, in rank order, on the real size with options.
    let optionChars = 0;
    let optionCount = 0;
    const assembled = new Map<number, { base: AssembledPlan; size: number }>();
    const assembledAt = (i: number) => {
      let hit = assembled.get(i);
      if (!hit) {
        const base = assemblePlan(result.ranked[i], { kind })!;
        hit = { base, size: JSON.stringify(toScanCandidate(base.plan, base.layers, i + 1, { series: args.includeSeries ? result.ranked[i].base_bars : undefined })).length + 60 };
        assembled.set(i, hit);
      }
      return hit;
    };
    while (k < result.ranked.length && !full) {
      const meanOptions = optionCount ? optionChars / optionCount : 0;
      let predicted = used;
      let end = k;
      while (end < result.ranked.length && (end === k || predicted <= PAGE_CHAR_BUDGET)) {
        predicted += assembledAt(end).size + meanOptions;
        end++;
      }
      const batch = result.ranked.slice(k, end);
      const prepared = await Promise.all(
        batch.map((a, j) =>
          gate(async () => {
            await loop.due();
            const base = assembledAt(k + j).base;
            // the event gate (earnings, macro windows) applies to scan candidates as to plans
            return this.plans.withOptions(a, { ...base, plan: await this.plans.eventGate(base.plan, a.now_ms) });
          }),
        ),
      );
      for (let j = 0; j < batch.length; j++) {
        await loop.due();
        const p = prepared[j];
        const candidate = toScanCandidate(p.plan, p.layers, k + 1, { series: args.includeSeries ? batch[j].base_bars : undefined });
        // plan_id/version are filled after saving; reserve their size now
        const size = JSON.stringify(candidate).length + 60;
        optionChars += Math.max(0, size - assembledAt(k).size);
        optionCount++;
        if (used + size > PAGE_CHAR_BUDGET && chosen.length > 0) {
          full = true;
          break;
        }
        used += size;
        chosen.push({ a: batch[j], prepared: p, candidate });
        k++;
      }
    }
    // persist every returned plan before answering (one transaction for the page)
    const saved = await this.plans.saveMany(
      args.userId,
      chosen.map((c) => ({ a: c.a, built: c.prepared })),
      kind,
    );
    envelope.candidates = chosen.map((c, j) => ({ ...c.candidate, plan_id: saved[j].record.plan_id, version: saved[j].record.plan_version }));
    envelope.count_candidates = chosen.length;
    envelope.next_cursor = k < result.ranked.length ? encodeCursor({ s: result.id, o: k }) : null;
    return envelope;
  }
}
