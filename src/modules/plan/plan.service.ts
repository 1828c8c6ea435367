import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ConflictError } from '../../common/errors';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { assemblePlan, AssembledPlan, noSetupOf, seriesOf } from '../../core/plan/assemble-plan';
import type { NoSetup, Plan, PlanContractPick, StoredPlan } from '../../core/plan/plan.schema';
import { readPlanSnapshot, snapshotOf } from '../../core/plan/plan-snapshot';
import { etDate } from '../../core/session/et-time';
import type { Style } from '../../core/strategies/strategy.types';
import { IDEA_STORE, type IdeaKind, type IdeaRecord, type IdeaStoreApi, type SaveIdeaInput } from '../../persistence/idea-store.types';
import { ContractsService } from '../contracts/contracts.service';
import { EnrichmentBlockService } from '../enrichment/enrichment-block.service';
import type { EnrichmentBlock } from '../../core/events/enrichment.schema';
import { applyEventGate } from '../../core/events/apply-event-gate';
import { SymbolAnalysis, SymbolAnalyzer } from './symbol-analyzer.service';

/** Options lookups slower than this leave the plan with an options_note instead. */
const OPTIONS_TIMEOUT_MS = 8_000;

export interface GenerateArgs {
  userId: string;
  symbol: string;
  style: Style;
  simulateOpen?: boolean;
  includeSeries?: boolean;
  kind?: IdeaKind;
  /** Plan as of this past moment (UTC ms): persisted as a historical snapshot, never replacing the live plan. */
  asOfMs?: number;
}

export type PlanOutcome = { status: 'ok'; record: IdeaRecord; plan: StoredPlan } | { status: 'no_setup'; response: NoSetup };

const ymd = (d: string) => d.replace(/-/g, '');

/**
 * Builds the best playbook plan for a symbol, attaches options, persists it through the idea store
 * (live: same plan_id per user/symbol/style and ET day, version bumped; scenario: a new frozen id each
 * time) and returns the stored plan. Callable without HTTP (MCP, scan).
 */
@Injectable()
export class PlanService {
  private readonly logger = new Logger(PlanService.name);

  constructor(
    private readonly analyzer: SymbolAnalyzer,
    @Inject(IDEA_STORE) private readonly store: IdeaStoreApi,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly contracts?: ContractsService,
    @Optional() private readonly enrichment?: EnrichmentBlockService,
  ) {}

  async generate(args: GenerateArgs): Promise<PlanOutcome> {
    const analysis = await this.analyzer.analyze(args.symbol, args.style, { simulateOpen: args.simulateOpen, asOfMs: args.asOfMs, quote: true });
    const kind: IdeaKind = args.asOfMs !== undefined ? 'historical' : (args.kind ?? 'live');
    return this.persistAnalysis(args.userId, analysis, { kind, includeSeries: args.includeSeries });
  }

  /** Persist the best plan of an analysis (or describe why there is none, without persisting). */
  async persistAnalysis(userId: string, a: SymbolAnalysis, opts: { kind: IdeaKind; includeSeries?: boolean }): Promise<PlanOutcome> {
    const prepared = await this.prepare(a, opts.kind);
    if (!prepared) return { status: 'no_setup', response: noSetupOf(a) };
    const { record, plan } = await this.save(userId, a, prepared, opts.kind);
    return { status: 'ok', record, plan: opts.includeSeries ? { ...plan, series: seriesOf(a.base_bars, 300) } : plan };
  }

  /** The plan + layers + options of the best setup (not persisted yet); null when nothing fired. */
  async prepare(a: SymbolAnalysis, kind: IdeaKind): Promise<AssembledPlan | null> {
    const built = assemblePlan(a, { kind });
    if (!built) return null;
    const gated = { ...built, plan: await this.eventGate(built.plan, a.now_ms) };
    return this.withOptions(a, gated);
  }

  /** Attach the options suggestions to an assembled plan (one options lookup through the chain cache); a plan blocked by an event window carries none. */
  async withOptions(a: SymbolAnalysis, built: AssembledPlan): Promise<AssembledPlan> {
    const p = built.plan;
    if (p.blocked_by_event) return built;
    const opts = await this.options(a.symbol, p.direction, a.style, p.entry, p.stop, p.targets);
    return { ...built, plan: { ...p, ...opts } };
  }

  /**
   * The enrichment block and the event gate (src/core/events) of a plan. An enrichment failure never
   * fails the plan: the block says `unavailable` with the reason and a warning says so.
   */
  async eventGate(plan: Plan, nowMs: number): Promise<Plan> {
    if (!this.enrichment) return plan;
    let block: EnrichmentBlock;
    try {
      block = await this.enrichment.block(plan.symbol, nowMs);
    } catch (err) {
      this.logger.warn(`enrichment for ${plan.symbol} failed: ${(err as Error).message}`);
      return { ...plan, warnings: [...plan.warnings, `Event calendar unavailable (${(err as Error).message}): event gates not evaluated.`] };
    }
    return applyEventGate(plan, block, this.enrichment.gate(block, plan.style, nowMs));
  }

  /**
   * Save a prepared plan. Live: today's plan id of this user/symbol/style gets a new version (plan ids
   * carry the ET date, so a new day starts a new id); scenario and historical: always a new frozen id.
   */
  async save(userId: string, a: SymbolAnalysis, built: AssembledPlan, kind: IdeaKind): Promise<{ record: IdeaRecord; plan: StoredPlan }> {
    const latestLive = await this.store.findLatest(userId, a.symbol, a.style, 'live');
    const input = this.saveInput(userId, a, built, kind, latestLive?.plan_id);
    return this.stored(await this.store.save(input), input.payload as Plan);
  }

  /**
   * Save the prepared plans of a scan page: each exactly as `save` stores it, with the latest live plan
   * ids read in one query and every snapshot written in one transaction (when the store offers both).
   */
  async saveMany(userId: string, items: Array<{ a: SymbolAnalysis; built: AssembledPlan }>, kind: IdeaKind): Promise<Array<{ record: IdeaRecord; plan: StoredPlan }>> {
    if (!items.length) return [];
    if (!this.store.saveMany || !this.store.latestPlanIds) {
      const out: Array<{ record: IdeaRecord; plan: StoredPlan }> = [];
      for (const it of items) out.push(await this.save(userId, it.a, it.built, kind));
      return out;
    }
    const latest = new Map<string, string>();
    for (const style of new Set(items.map((it) => it.a.style))) {
      const ids = await this.store.latestPlanIds(
        userId,
        items.filter((it) => it.a.style === style).map((it) => it.a.symbol),
        style,
        'live',
      );
      for (const [symbol, id] of ids) latest.set(`${symbol}|${style}`, id);
    }
    const inputs = items.map((it) => this.saveInput(userId, it.a, it.built, kind, latest.get(`${it.a.symbol.toUpperCase()}|${it.a.style}`)));
    const records = await this.store.saveMany(inputs);
    return records.map((r, k) => this.stored(r, inputs[k].payload as Plan));
  }

  /**
   * What `save` writes. Live: today's plan id of this user/symbol/style gets a new version (plan ids
   * carry the ET date, so a new day starts a new id); scenario and historical: always a new frozen id.
   */
  private saveInput(userId: string, a: SymbolAnalysis, built: AssembledPlan, kind: IdeaKind, latestLiveId: string | undefined): SaveIdeaInput & { plan_id: string } {
    let planId: string | undefined;
    let plan: Plan = built.plan;
    if (kind === 'live') {
      if (latestLiveId && latestLiveId.includes(`-${ymd(etDate(a.now_ms))}-`)) planId = latestLiveId;
    } else if (kind === 'scenario') {
      plan = { ...plan, scenario_of: latestLiveId ?? null, scenario_style: a.style, created_at: new Date(a.now_ms).toISOString() };
    }
    planId ??= this.store.newPlanId(a.symbol, a.style, new Date(a.now_ms));
    const layers = { ...built.layers, plan_id: planId };
    plan = { ...plan, idea_url: `${this.config.publicBaseUrl}/idea/${planId}`, plan_layers: layers };
    return { user_id: userId, symbol: a.symbol, style: a.style, plan_id: planId, kind, payload: plan, layers };
  }

  private stored(record: IdeaRecord, plan: Plan): { record: IdeaRecord; plan: StoredPlan } {
    return { record, plan: { ...plan, plan_id: record.plan_id, version: record.plan_version, plan_version: record.plan_version } };
  }

  /** Make a scenario plan the live plan of its symbol/style: a new version of the live plan id (or a new id). */
  async adopt(userId: string, scenarioId: string): Promise<StoredPlan> {
    const scenarioRec = await this.store.get(userId, scenarioId);
    if (scenarioRec.kind !== 'scenario') throw new ConflictError(`${scenarioId} is a live plan, not a scenario`);
    const { plan_id: _id, version: _v, plan_version: _pv, series: _s, ...scenario } = snapshotOf(scenarioRec);
    const layers = await this.store.getLayers(userId, scenarioId).catch(() => null);
    const live = await this.store.findLatest(userId, scenarioRec.symbol, scenarioRec.style, 'live');
    const plan: Plan = {
      ...scenario,
      kind: 'live',
      frozen: false,
      adopted_from: { plan_id: scenarioRec.plan_id, version: scenarioRec.plan_version },
      update_reason: 'adopted_scenario',
      updated_from_version: live ? live.plan_version : null,
    };
    const record = await this.store.save({
      user_id: userId,
      symbol: scenarioRec.symbol,
      style: scenarioRec.style,
      plan_id: live?.plan_id,
      kind: 'live',
      payload: plan,
      layers: layers ? { levels: layers.levels, zones: layers.zones, annotations: layers.annotations, meta: layers.meta } : undefined,
    });
    return { ...plan, plan_id: record.plan_id, version: record.plan_version, plan_version: record.plan_version };
  }

  /** The caller's scenario plans for a symbol; a snapshot that no longer reads is left out and logged. */
  async listScenarios(userId: string, symbol: string): Promise<StoredPlan[]> {
    const out: StoredPlan[] = [];
    for (const r of await this.store.listByKind(userId, symbol, 'scenario')) {
      const read = readPlanSnapshot(r.payload, { plan_id: r.plan_id, version: r.plan_version });
      if (read.ok) out.push(read.plan);
      else this.logger.warn(read.error.message);
    }
    return out;
  }

  private async options(
    symbol: string,
    direction: 'long' | 'short',
    style: Style,
    entry: number,
    stop: number,
    targets: number[],
  ): Promise<{ options_contracts: PlanContractPick[]; options_note: string | null }> {
    if (!this.config.flags.optionsAlways) return { options_contracts: [], options_note: 'Options suggestions are off (FF_OPTIONS_ALWAYS=0).' };
    if (!this.contracts) return { options_contracts: [], options_note: 'Options suggestions unavailable (contracts service not wired).' };
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.contracts.suggestForPlan({ symbol, direction, style, entry, stop, targets }),
        new Promise<{ options_contracts: PlanContractPick[]; options_note: string }>((resolve) => {
          timer = setTimeout(() => resolve({ options_contracts: [], options_note: `Options lookup timed out after ${OPTIONS_TIMEOUT_MS / 1000} s.` }), OPTIONS_TIMEOUT_MS);
        }),
      ]);
    } catch (err) {
      return { options_contracts: [], options_note: `Options unavailable: ${(err as Error).message}` };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
}
