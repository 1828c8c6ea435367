/**
 * The plan as it travels: one zod schema per wire object. The TypeScript types of the plan are inferred
 * from these schemas (never written twice), the response DTOs `implement` them (src/modules/plan/dto),
 * and stored snapshots are parsed back through them (`parsePlanSnapshot`). Adding a field here without
 * building it (`assemblePlan`) or documenting it in the DTO fails `npm run typecheck`.
 *
 * Units: prices per share in the quote currency; percentages as percent (0.25 = 0.25 %); probabilities
 * and scores 0–1; times on the wire are ISO-8601 UTC strings (`IsoTime`), except bar times in series
 * and chart points, which are epoch seconds (`EpochSeconds`) as in the reference (docs/plan-fields.md).
 */
import { z } from 'zod';
import { INTERVALS } from '../bars/interval';
import { STYLES } from '../strategies/strategy.types';
import type { RankedContract } from '../contracts/rank-contracts';
import { EnrichmentBlockSchema, EventRiskSchema } from '../events/enrichment.schema';

/** ISO-8601 UTC instant, e.g. "2026-11-24T15:35:00.000Z". */
export const IsoTime = z.iso.datetime({ offset: true });
/** Whole seconds since 1970-01-01 UTC (bar starts in series and chart points). */
export const EpochSeconds = z.number().int();

const Direction = z.enum(['long', 'short']);
const Style = z.enum(STYLES);
const Interval = z.enum(INTERVALS);
const finite = z.number();

export const TargetMetaSchema = z.object({
  label: z.string(),
  price: finite,
  /** |price − entry| / |entry − stop| on the rounded prices, 2 dp. */
  rr_multiple: finite,
  /** |price − entry|, price units. */
  distance: finite,
  /** distance / ATR14 of the plan interval. */
  distance_atr: finite,
  /** Measured probability 0–1 of this target (= probabilities.tpK), null when not measured. */
  prob_touch: finite.nullable(),
  snap_tag: z.string().nullable(),
  source: z.enum(['strategy', 'level', 'atr_ladder']),
  reason: z.string(),
});

export const TpReasonSchema = z.object({ label: z.string(), reason: z.string(), snap_tag: z.string().nullable() });

export const KeyLevelUsedSchema = z.object({ role: z.enum(['entry', 'stop', 'tp1', 'tp2', 'tp3']), label: z.string(), price: finite });
export const KeyLevelsUsedSchema = z.object({ session: z.array(KeyLevelUsedSchema), structural: z.array(KeyLevelUsedSchema) });

export const RiskBlockSchema = z.object({
  /** |entry − stop|, price units. */
  risk_points: finite,
  /** |entry − stop| / entry × 100, percent. */
  risk_percent: finite,
  /** R multiple per target: {tp1: 1.8, …}. */
  reward_to_target: z.record(z.string(), finite),
  /** ATR14 of the plan interval, price units. */
  atr_value: finite,
  /** |entry − stop| / ATR. */
  atr_stop_multiple: finite,
  /** Stop floor parts: the stop is never closer than max(stop_min_atr × ATR, stop_min_ticks × tick, stop_min_bp × entry / 10⁴). */
  stop_min_atr: finite,
  stop_min_ticks: finite,
  stop_min_bp: finite,
  /** The effective floor for this plan, price units. */
  stop_floor: finite,
  /** Which part of the floor binds. */
  stop_floor_binding: z.enum(['atr', 'ticks', 'bp']),
  stop_max_atr: finite,
  /** structural | min_atr_floor | min_tick_floor | min_bp_floor | max_atr_cap | atr_fallback. */
  stop_rule: z.string(),
  /** Minimum distance between consecutive targets, price units: max(min_spacing_atr × ATR, min_spacing_ticks × tick). */
  target_spacing: finite,
  /** Reach cap: TP1 is never farther than this × ATR from entry (else the plan is rejected). */
  tp1_max_atr: finite,
  /** TP1 R:R cap (a plan above it is rejected). */
  tp1_max_rr: finite,
  rr_formula: z.string(),
});

export const ExecutionRulesSchema = z.object({ trigger: z.string(), invalidation: z.string(), scale: z.string(), reload: z.string() });

export const ConfidenceComponentSchema = z.object({
  name: z.enum(['setup_conditions', 'trend_alignment', 'htf_agreement', 'vwap_side', 'reward_risk']),
  /** 0–1. */
  score: finite,
  weight: finite,
});

export const CompositeComponentsSchema = z.object({
  /** TP1 probability used for ranking, 0–1. */
  probability: finite,
  risk_reward: finite,
  actionability: finite,
  mtf_score: finite,
  /** max(0.2, 1 + 0.5 × mtf_score). */
  mtf_multiplier: finite,
  confidence: finite,
  /** Round-trip costs (commission + slippage per share per side) in R of this plan. Absent on older snapshots. */
  cost_r: finite.optional(),
  /** probability × R:R₁ − (1 − probability) − cost_r: the TP1-or-stop expectancy after costs, in R. Absent on older snapshots. */
  expected_r_after_costs: finite.optional(),
});

export const MtfBiasSchema = z.object({ bias: z.enum(['long', 'short', 'neutral']), agreement: finite });

export const EntryStatusSchema = z.object({ state: z.enum(['at_entry', 'pending']), dist_pct: finite, dist_atr: finite });

export const IndicatorSnapshotSchema = z.object({
  interval: Interval,
  close: finite,
  atr14: finite.nullable(),
  ema9: finite.nullable(),
  ema20: finite.nullable(),
  ema50: finite.nullable(),
  /** Session VWAP (intraday intervals only). */
  vwap: finite.nullable(),
  adx14: finite.nullable(),
  rsi14: finite.nullable(),
});

/** kind: a key level, a plan line, an anchored VWAP, or a liquidity pool (equal highs/lows) drawn dashed by the viewer. */
export const LayerLevelSchema = z.object({ price: finite, label: z.string(), kind: z.enum(['level', 'plan', 'avwap', 'liquidity_pool']) });
export const LayerZoneSchema = z.object({ low: finite, high: finite, kind: z.string(), label: z.string() });
export const LayerPointSchema = z.object({ time: EpochSeconds, value: finite });
export const LayerAnnotationSchema = z.object({
  kind: z.literal('forecast_path'),
  label: z.string(),
  /** Free-form drawing hints for the chart (colour, line style); not interpreted by the service. */
  style: z.record(z.string(), z.unknown()),
  points: z.array(LayerPointSchema),
});
/** Layer grouping and tags; absent parts read as empty (layers stored by older versions or other tools). */
export const PlanLayersMetaSchema = z.object({
  level_groups: z.object({ primary: z.array(z.string()), supplemental: z.array(z.string()) }).default({ primary: [], supplemental: [] }),
  confluence: z.array(z.string()).default([]),
  confidence_factors: z.array(z.string()).default([]),
});
export const PlanLayersSchema = z.object({
  plan_id: z.string().optional(),
  symbol: z.string(),
  interval: z.string(),
  /** Start of the as-of bar. */
  as_of: IsoTime,
  /** Price decimals. */
  precision: z.number().int(),
  levels: z.array(LayerLevelSchema),
  zones: z.array(LayerZoneSchema),
  annotations: z.array(LayerAnnotationSchema),
  meta: PlanLayersMetaSchema,
});

export const AlternativePlanSchema = z.object({
  strategy_id: z.string(),
  direction: Direction,
  entry: finite,
  stop: finite,
  targets: z.array(finite),
  rr_to_t1: finite,
  composite_score: finite,
});

export const RejectedSetupSchema = z.object({ strategy_id: z.string(), reasons: z.array(z.string()) });
export const NotFiredSchema = z.object({ strategy_id: z.string(), reason: z.string() });
export const ConditionSchema = z.object({ name: z.string(), ok: z.boolean() });
export const SeriesBarSchema = z.object({ time: EpochSeconds, open: finite, high: finite, low: finite, close: finite, volume: finite });

export const MarketStatus = z.enum(['pre', 'open', 'post', 'closed']);

export const PlanMetaSchema = z.object({
  simulated_open: z.boolean(),
  banner: z.string().nullable(),
  market_status: MarketStatus,
  /** Start of the bar the plan was evaluated on. */
  as_of_bar_time: IsoTime,
  composite_components: CompositeComponentsSchema,
  conditions: z.array(ConditionSchema),
  /** Service clock time of the analysis. */
  generated_at: IsoTime,
});

/** A contract pick as stored with a plan: the contracts service's ranked row plus where its quote came from. */
export type PlanContractPick = RankedContract & { quote_session: string; as_of: string; data_source: string };
const isPick = (v: unknown): v is PlanContractPick =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as PlanContractPick).label === 'string' &&
  typeof (v as PlanContractPick).strike === 'number' &&
  ((v as PlanContractPick).type === 'CALL' || (v as PlanContractPick).type === 'PUT');
export const PlanContractPickSchema = z.custom<PlanContractPick>(isPick, { message: 'expected an option contract pick {label, strike, type, …}' });

/** Measured frequencies (0–1) of the event in calibration_meta.event per target, or null (calibration_meta.reason). */
export const ProbabilitiesSchema = z.object({ tp1: finite.nullable(), tp2: finite.nullable(), tp3: finite.nullable() });

export const CalibrationMetaSchema = z.object({
  calibrated: z.boolean(),
  method: z.enum(['rr_adjusted_hit_rate', 'measured_hit_rate', 'none']),
  /** The event the probabilities measure. */
  event: z.string(),
  n: z.number().int().nullable(),
  ci95: z.tuple([finite, finite]).nullable(),
  segment: z.object({ dimension: z.string(), value: z.string(), used: z.boolean() }).nullable(),
  window: z.object({ from: IsoTime, to: IsoTime }).nullable(),
  data_source: z.string().nullable(),
  expectancy_r: finite.nullable(),
  expectancy_r_after_costs: finite.nullable(),
  edge: z.enum(['positive', 'negative', 'unproven']),
  brier_out_of_sample: finite.nullable(),
  reason: z.string().nullable(),
  note: z.string(),
});

/** Feed health of one source of an index plan. */
export const FeedHealthSchema = z.enum(['healthy', 'degraded', 'failed']);

/** The measured index/proxy ratio: index points per 1.00 of the ETF proxy (index = proxy × ratio). */
export const ProxyRatioSchema = z.object({
  ratio: finite,
  /** Time the ratio describes. */
  as_of: IsoTime,
  /** Provider ids of the index and proxy prints. */
  source: z.string(),
  /** aligned_1m_spot: last shared one-minute close; quote_vs_1m_close: an index quote against the proxy's minute. */
  method: z.enum(['aligned_1m_spot', 'quote_vs_1m_close']),
  /** Regression-through-origin beta of proxy on index 1-minute returns over ≤ 60 minutes (≈ 1 when tracking); null with < 10 returns. */
  gamma: finite.nullable(),
  n: z.number().int(),
});

/** Index mode (SPX/NDX): which bars the plan ran on and the ratio that translated them. */
export const IndexModeSchema = z.object({
  index: z.string(),
  /** ETF that tracks the index and executes when the index chain is degraded. */
  proxy: z.string(),
  /** index: the vendor's index bars; proxy_translated: proxy bars × ratio. */
  bars: z.enum(['index', 'proxy_translated']),
  ratio: ProxyRatioSchema.nullable(),
  /** The plan's entry/stop/targets in proxy terms (level ÷ ratio); null without a ratio. */
  translated_levels: z.object({ entry: finite, stop: finite, targets: z.array(finite) }).nullable(),
  banner: z.string().nullable(),
  feed_health: z.record(z.string(), FeedHealthSchema),
});

/**
 * INDEX_SNIPER_MODE=1 on an ETF proxy's plan (SPY, QQQ): the plan's levels in index terms (level × ratio,
 * 0.01), for a trader who watches SPX/NDX while executing in the ETF. Null levels with the reason when no
 * ratio could be measured.
 */
export const IndexEquivalentSchema = z.object({
  index: z.string(),
  ratio: ProxyRatioSchema.nullable(),
  /** entry/stop/targets × ratio; null without a ratio. */
  levels: z.object({ entry: finite, stop: finite, targets: z.array(finite) }).nullable(),
  /** Why levels is null (ratio unavailable), else null. */
  reason: z.string().nullable(),
});

/** live: market open; frozen: market closed, as of the last regular bar; next_session: conditional plan for the next session; historical: planned as of a past moment (as_of). */
export const PlanningContext = z.enum(['live', 'frozen', 'next_session', 'historical']);

/** Everything a generated plan says, before the store gives it an identity. */
export const PlanSchema = z.object({
  symbol: z.string(),
  style: Style,
  kind: z.enum(['live', 'scenario', 'historical']),
  /** True for scenario and historical snapshots (never updated). */
  frozen: z.boolean(),
  status: z.literal('ok'),
  bias: Direction,
  direction: Direction,
  /** Strategy id of the setup. */
  setup: z.string(),
  strategy_id: z.string(),
  strategy_name: z.string(),
  /** Bar interval the playbook ran on. */
  interval: Interval,
  entry: finite,
  entry_label: z.string(),
  stop: finite,
  stop_label: z.string(),
  /** Nearest first (long ascending, short descending). */
  targets: z.array(finite),
  target_meta: z.array(TargetMetaSchema),
  /** Alias of target_meta (reference name). */
  targets_meta: z.array(TargetMetaSchema),
  tp_reasons: z.array(TpReasonSchema),
  /** (TP1 − entry)/(entry − stop), shorts mirrored; 2 dp. */
  rr_to_t1: finite,
  rr_formula: z.string(),
  /** Rule-quality score 0–1 (Σ weight × component); not a probability. */
  confidence: finite,
  confidence_factors: z.array(z.string()),
  confidence_components: z.array(ConfidenceComponentSchema),
  /** Alias of composite_score (reference name). */
  score: finite,
  composite_score: finite,
  probabilities: ProbabilitiesSchema,
  calibration_meta: CalibrationMetaSchema,
  confluence_tags: z.array(z.string()),
  confluence: z.array(z.string()),
  mtf_bias: MtfBiasSchema,
  key_levels_used: KeyLevelsUsedSchema,
  risk_block: RiskBlockSchema,
  execution_rules: ExecutionRulesSchema,
  /** Percent (0.25 = 0.25 %). */
  entry_distance_pct: finite,
  entry_distance_atr: finite,
  bars_to_trigger: finite,
  actionable_soon: z.boolean(),
  actionable_now: z.boolean(),
  actionability: finite,
  entry_status: EntryStatusSchema,
  waiting_for: z.string().nullable(),
  notes: z.string(),
  warnings: z.array(z.string()),
  /** ATR14 of the plan interval. */
  atr: finite,
  /** Close of the as-of bar. */
  last_price: finite,
  indicators: IndicatorSnapshotSchema.nullable(),
  alternatives: z.array(AlternativePlanSchema),
  rejected_setups: z.array(RejectedSetupSchema),
  options_contracts: z.array(PlanContractPickSchema),
  options_note: z.string().nullable(),
  plan_layers: PlanLayersSchema,
  /** Provider id of the bars (synthetic, replay, polygon …). */
  data_source: z.string(),
  /** Set when a live vendor failed and another source answered. */
  fallback_from: z.string().optional(),
  /** Time the bars describe. */
  as_of: IsoTime,
  stale: z.boolean(),
  planning_context: PlanningContext,
  /** True when the plan is conditional (next session, simulated open): confirm the trigger live before acting. */
  requires_live_confirmation: z.boolean().default(false),
  banner: z.string().nullable(),
  banners: z.array(z.string()),
  meta: PlanMetaSchema,
  /** Earnings, news sentiment and macro events of the next 14 days (absent on plans stored before it existed). */
  enrichment: EnrichmentBlockSchema.optional(),
  /** Event gate findings (src/core/events/event-gate.ts): blocked or warned by an event in the plan's window. */
  event_risk: z.array(EventRiskSchema).default([]),
  /** True when an event window blocks this style now (options_contracts empty, note "Blocked by event window"). */
  blocked_by_event: z.boolean().default(false),
  /** SPX/NDX plans (and SPY/QQQ with INDEX_SNIPER_MODE=1): index bars or proxy translation, with the ratio. */
  index_mode: IndexModeSchema.optional(),
  /** INDEX_SNIPER_MODE=1, SPY/QQQ plans: the levels in SPX/NDX terms with the ratio. */
  index_equivalent: IndexEquivalentSchema.optional(),
  /** Permalink of the persisted plan (set when saved). */
  idea_url: z.string().optional(),
  /** Scenario: the live plan it was made beside. */
  scenario_of: z.string().nullable().optional(),
  scenario_style: Style.optional(),
  /** Scenario: creation time. */
  created_at: IsoTime.optional(),
  /** Adopted plans: the scenario it came from. */
  adopted_from: z.object({ plan_id: z.string(), version: z.number().int() }).optional(),
  update_reason: z.string().optional(),
  updated_from_version: z.number().int().nullable().optional(),
});

/** A plan the store has saved: its identity plus the plan. This is what /gpt/plan and /idea return. */
export const StoredPlanSchema = PlanSchema.extend({
  /** {SYMBOL}-{style}-{yyyymmdd}-{6 base32}. */
  plan_id: z.string(),
  /** Starts at 1, +1 on every regeneration of the same plan. */
  version: z.number().int(),
  /** Alias of version. */
  plan_version: z.number().int(),
  /** Only with include_series: the last ≤ 300 bars of the plan interval. */
  series: z.array(SeriesBarSchema).optional(),
});

/** POST /gpt/plan when no playbook fired: nothing is persisted. */
export const NoSetupSchema = z.object({
  status: z.literal('no_setup'),
  plan_id: z.null(),
  version: z.null(),
  symbol: z.string(),
  style: Style,
  message: z.string(),
  not_fired: z.array(NotFiredSchema),
  rejected_setups: z.array(RejectedSetupSchema),
  indicators: IndicatorSnapshotSchema.nullable(),
  data_source: z.string(),
  fallback_from: z.string().optional(),
  as_of: IsoTime,
  stale: z.boolean(),
  banner: z.string().nullable(),
  banners: z.array(z.string()),
  warnings: z.array(z.string()),
  meta: z.object({ simulated_open: z.boolean(), banner: z.string().nullable(), market_status: MarketStatus, generated_at: IsoTime }),
});

export type TargetMeta = z.infer<typeof TargetMetaSchema>;
export type TpReason = z.infer<typeof TpReasonSchema>;
export type KeyLevelUsed = z.infer<typeof KeyLevelUsedSchema>;
export type KeyLevelsUsed = z.infer<typeof KeyLevelsUsedSchema>;
export type RiskBlock = z.infer<typeof RiskBlockSchema>;
export type ExecutionRules = z.infer<typeof ExecutionRulesSchema>;
export type ConfidenceComponent = z.infer<typeof ConfidenceComponentSchema>;
export type CompositeComponents = z.infer<typeof CompositeComponentsSchema>;
export type MtfBias = z.infer<typeof MtfBiasSchema>;
export type EntryStatus = z.infer<typeof EntryStatusSchema>;
export type IndicatorSnapshot = z.infer<typeof IndicatorSnapshotSchema>;
export type LayerLevel = z.infer<typeof LayerLevelSchema>;
export type LayerZone = z.infer<typeof LayerZoneSchema>;
export type LayerPoint = z.infer<typeof LayerPointSchema>;
export type LayerAnnotation = z.infer<typeof LayerAnnotationSchema>;
export type PlanLayersMeta = z.infer<typeof PlanLayersMetaSchema>;
export type PlanLayers = z.infer<typeof PlanLayersSchema>;
export type AlternativePlan = z.infer<typeof AlternativePlanSchema>;
export type RejectedSetup = z.infer<typeof RejectedSetupSchema>;
export type NotFired = z.infer<typeof NotFiredSchema>;
export type PlanCondition = z.infer<typeof ConditionSchema>;
export type SeriesBar = z.infer<typeof SeriesBarSchema>;
export type PlanMeta = z.infer<typeof PlanMetaSchema>;
export type CalibrationMeta = z.infer<typeof CalibrationMetaSchema>;
export type Probabilities = z.infer<typeof ProbabilitiesSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type IndexMode = z.infer<typeof IndexModeSchema>;
export type IndexEquivalent = z.infer<typeof IndexEquivalentSchema>;
export type ProxyRatioWire = z.infer<typeof ProxyRatioSchema>;
export type StoredPlan = z.infer<typeof StoredPlanSchema>;
export type NoSetup = z.infer<typeof NoSetupSchema>;
