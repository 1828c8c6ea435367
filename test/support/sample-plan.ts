import type { Plan } from '../../src/core/plan/plan.schema';

/**
 * A complete, schema-valid plan for tests that store plans directly (typed as Plan, so the compiler keeps
 * it in step with the schema). Geometry: long 101 → stop 99, targets 103/105, as of the 1-minute bar
 * `as_of_bar_time` (the follower starts at the next bar).
 */
export function samplePlan(over: Partial<Plan> & { as_of_bar_time?: string } = {}): Plan {
  const { as_of_bar_time, ...rest } = over;
  const asOf = rest.as_of ?? '2024-06-12T14:29:00.000Z';
  const barTime = as_of_bar_time ?? asOf;
  const base: Plan = {
    symbol: 'SPY',
    style: 'intraday',
    kind: 'live',
    frozen: false,
    status: 'ok',
    bias: 'long',
    direction: 'long',
    setup: 'orb_retest',
    strategy_id: 'orb_retest',
    strategy_name: 'Opening range retest',
    interval: '1m',
    entry: 101,
    entry_label: 'ORH',
    stop: 99,
    stop_label: 'ORL',
    targets: [103, 105],
    target_meta: [],
    targets_meta: [],
    tp_reasons: [],
    rr_to_t1: 1,
    rr_formula: '(tp1 - entry) / (entry - stop)',
    confidence: 0.5,
    confidence_factors: [],
    confidence_components: [],
    score: 0.1,
    composite_score: 0.1,
    probabilities: { tp1: null, tp2: null, tp3: null },
    calibration_meta: { calibrated: false, method: 'none', event: 'test', n: null, ci95: null, segment: null, window: null, data_source: null, expectancy_r: null, expectancy_r_after_costs: null, edge: 'unproven', brier_out_of_sample: null, reason: 'test plan', note: 'test plan' },
    confluence_tags: [],
    confluence: [],
    mtf_bias: { bias: 'neutral', agreement: 0.5 },
    key_levels_used: { session: [], structural: [] },
    risk_block: { risk_points: 2, risk_percent: 1.98, reward_to_target: { tp1: 1, tp2: 2 }, atr_value: 1, atr_stop_multiple: 2, stop_min_atr: 0.5, stop_min_ticks: 20, stop_min_bp: 8, stop_floor: 0.5, stop_floor_binding: 'atr', stop_max_atr: 3, stop_rule: 'structural', target_spacing: 0.5, tp1_max_atr: 4, tp1_max_rr: 4, rr_formula: 'r' },
    execution_rules: { trigger: 't', invalidation: 'i', scale: 's', reload: 'r' },
    entry_distance_pct: 1,
    entry_distance_atr: 1,
    bars_to_trigger: 1,
    actionable_soon: true,
    actionable_now: false,
    actionability: 0.5,
    entry_status: { state: 'pending', dist_pct: 1, dist_atr: 1 },
    waiting_for: null,
    notes: '',
    warnings: [],
    atr: 1,
    last_price: 100,
    indicators: null,
    alternatives: [],
    rejected_setups: [],
    options_contracts: [],
    options_note: null,
    plan_layers: { symbol: 'SPY', interval: '1m', as_of: barTime, precision: 2, levels: [], zones: [], annotations: [], meta: { level_groups: { primary: [], supplemental: [] }, confluence: [], confidence_factors: [] } },
    data_source: 'synthetic',
    as_of: asOf,
    stale: false,
    planning_context: 'live',
    requires_live_confirmation: false,
    banner: null,
    banners: [],
    meta: { simulated_open: false, banner: null, market_status: 'open', as_of_bar_time: barTime, composite_components: { probability: 0.5, risk_reward: 1, actionability: 0.5, mtf_score: 0, mtf_multiplier: 1, confidence: 0.5 }, conditions: [], generated_at: asOf },
  };
  return { ...base, ...rest };
}
