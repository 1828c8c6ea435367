import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConflictError } from '../../common/errors';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { etDate } from '../../core/session/et-time';
import type { Style } from '../../core/strategies/strategy.types';
import { IDEA_STORE, type IdeaKind, type IdeaRecord, type IdeaStoreApi, type PlanLayersData } from '../../persistence/idea-store.types';
import { ContractsService } from '../contracts/contracts.service';
import { buildPlanPayload, dataBanners, PlanPayloadResult } from './plan-payload';
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
}

export type PlanOutcome =
  | { status: 'ok'; record: IdeaRecord; response: Record<string, unknown> }
  | { status: 'no_setup'; response: Record<string, unknown> };

const ymd = (d: string) => d.replace(/-/g, '');

/**
 * Builds the best playbook plan for a symbol, attaches options, persists it through the idea store
 * (live: same plan_id per user/symbol/style and ET day, version bumped; scenario: a new frozen id each
 * time) and returns the stored payload. Callable without HTTP (MCP, scan).
 */
@Injectable()
export class PlanService {
  constructor(
    private readonly analyzer: SymbolAnalyzer,
    @Inject(IDEA_STORE) private readonly store: IdeaStoreApi,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly contracts?: ContractsService,
  ) {}

  async generate(args: GenerateArgs): Promise<PlanOutcome> {
    const analysis = await this.analyzer.analyze(args.symbol, args.style, { simulateOpen: args.simulateOpen });
    return this.persistAnalysis(args.userId, analysis, { kind: args.kind ?? 'live', includeSeries: args.includeSeries });
  }

  /** Persist the best plan of an analysis (or describe why there is none, without persisting). */
  async persistAnalysis(userId: string, a: SymbolAnalysis, opts: { kind: IdeaKind; includeSeries?: boolean }): Promise<PlanOutcome> {
    const prepared = await this.prepare(userId, a, opts.kind);
    if (!prepared) return { status: 'no_setup', response: this.noSetup(a) };
    const { record, response } = await this.save(userId, a, prepared, opts.kind);
    if (opts.includeSeries) response.series = a.base_bars.slice(-300).map((b) => ({ time: Math.floor(b.time / 1000), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume }));
    return { status: 'ok', record, response };
  }

  /** Payload + layers + options for the best plan (no persistence yet); null when nothing fired. */
  async prepare(userId: string, a: SymbolAnalysis, kind: IdeaKind): Promise<PlanPayloadResult | null> {
    const built = buildPlanPayload(a, { kind });
    if (!built) return null;
    const plan = a.best!.plan;
    Object.assign(built.payload, await this.options(a.symbol, plan.direction, a.style, plan.entry, plan.stop, plan.targets, userId));
    return built;
  }

  /**
   * Save a prepared plan. Live: today's plan id of this user/symbol/style gets a new version (plan ids
   * carry the ET date, so a new day starts a new id); scenario: always a new frozen id.
   */
  async save(userId: string, a: SymbolAnalysis, built: PlanPayloadResult, kind: IdeaKind): Promise<{ record: IdeaRecord; response: Record<string, unknown> }> {
    let planId: string | undefined;
    const latestLive = await this.store.findLatest(userId, a.symbol, a.style, 'live');
    if (kind === 'live') {
      if (latestLive && latestLive.plan_id.includes(`-${ymd(etDate(a.now_ms))}-`)) planId = latestLive.plan_id;
    } else {
      built.payload.scenario_of = latestLive?.plan_id ?? null;
      built.payload.scenario_style = a.style;
      built.payload.created_at = new Date(a.now_ms).toISOString();
    }
    planId ??= this.store.newPlanId(a.symbol, a.style, new Date(a.now_ms));
    built.payload.idea_url = `${this.config.publicBaseUrl}/idea/${planId}`;
    (built.payload.plan_layers as Record<string, unknown>).plan_id = planId;
    const record = await this.store.save({
      user_id: userId,
      symbol: a.symbol,
      style: a.style,
      plan_id: planId,
      kind,
      payload: built.payload,
      layers: { ...built.layers, plan_id: planId } as unknown as PlanLayersData,
    });
    const response: Record<string, unknown> = { ...record.payload, plan_id: record.plan_id, version: record.plan_version, plan_version: record.plan_version };
    return { record, response };
  }

  /** Make a scenario plan the live plan of its symbol/style: a new version of the live plan id (or a new id). */
  async adopt(userId: string, scenarioId: string): Promise<Record<string, unknown>> {
    const scenario = await this.store.get(userId, scenarioId);
    if (scenario.kind !== 'scenario') throw new ConflictError(`${scenarioId} is a live plan, not a scenario`);
    const layers = await this.store.getLayers(userId, scenarioId).catch(() => null);
    const live = await this.store.findLatest(userId, scenario.symbol, scenario.style, 'live');
    const payload: Record<string, unknown> = {
      ...scenario.payload,
      kind: 'live',
      frozen: false,
      adopted_from: { plan_id: scenario.plan_id, version: scenario.plan_version },
      update_reason: 'adopted_scenario',
      updated_from_version: live ? live.plan_version : null,
    };
    delete payload.plan_id;
    delete payload.version;
    delete payload.plan_version;
    const record = await this.store.save({
      user_id: userId,
      symbol: scenario.symbol,
      style: scenario.style,
      plan_id: live?.plan_id,
      kind: 'live',
      payload,
      layers: layers ? { levels: layers.levels, zones: layers.zones, annotations: layers.annotations, meta: layers.meta } : undefined,
    });
    return { ...record.payload, plan_id: record.plan_id, version: record.plan_version, plan_version: record.plan_version };
  }

  async listScenarios(userId: string, symbol: string): Promise<IdeaRecord[]> {
    return this.store.listByKind(userId, symbol, 'scenario');
  }

  noSetup(a: SymbolAnalysis): Record<string, unknown> {
    const banners = dataBanners(a);
    return {
      status: 'no_setup',
      plan_id: null,
      version: null,
      symbol: a.symbol,
      style: a.style,
      message: `No ${a.style} playbook fired for ${a.symbol} as of the latest bar; nothing was persisted.`,
      not_fired: a.not_fired,
      rejected_setups: a.rejected.map((r) => ({ strategy_id: r.strategy_id, reasons: r.violations.map((v) => v.message) })),
      indicators: a.indicators,
      data_source: a.data_source,
      as_of: a.as_of,
      stale: a.stale,
      banner: banners[0] ?? null,
      banners,
      warnings: a.warnings,
      meta: { simulated_open: a.simulated_open, banner: banners[0] ?? null, market_status: a.market_status, generated_at: new Date(a.now_ms).toISOString() },
    };
  }

  private async options(symbol: string, direction: 'long' | 'short', style: Style, entry: number, stop: number, targets: number[], userId: string): Promise<{ options_contracts: unknown[]; options_note: string | null }> {
    if (!this.config.flags.optionsAlways) return { options_contracts: [], options_note: 'Options suggestions are off (FF_OPTIONS_ALWAYS=0).' };
    // INTEGRATION POINT: ContractsService comes from ContractsModule (src/modules/contracts); until that
    // module is imported by PlanModule the plan says so instead of inventing contracts.
    if (!this.contracts) return { options_contracts: [], options_note: 'Options suggestions unavailable (contracts service not wired).' };
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.contracts.suggestForPlan({ symbol, direction, style, entry, stop, targets, userId }),
        new Promise<{ options_contracts: unknown[]; options_note: string }>((resolve) => {
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
