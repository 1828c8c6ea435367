/**
 * Compact projections of the REST payloads for MCP tool results: the numbers a model needs to reason
 * about a plan, scan or chain, without chart layers, series or alias fields (a REST plan is ~15 KB;
 * its MCP form ~1.5 KB). Strings that come from market-data vendors (error texts) are wrapped by
 * `untrusted()` so a model reads them as data, never as instructions.
 */

/** Vendor text as data: control characters stripped, length capped, wrapped in a marker object. */
export function untrusted(text: unknown, max = 300): { untrusted_vendor_text: string } {
  const raw = typeof text === 'string' ? text : text === undefined || text === null ? '' : JSON.stringify(text);
  let s = '';
  for (const ch of raw.slice(0, max)) {
    const code = ch.codePointAt(0) ?? 0;
    s += code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? ' ' : ch;
  }
  return { untrusted_vendor_text: s };
}

type Obj = Record<string, any>;

const pick = (o: Obj, keys: readonly string[]): Obj => {
  const out: Obj = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
};

/** Plan fields every plan-like projection keeps (REST names, so MCP and REST can be compared). */
export const PLAN_KEYS = [
  'status',
  'plan_id',
  'version',
  'symbol',
  'style',
  'kind',
  'direction',
  'strategy_id',
  'strategy_name',
  'interval',
  'entry',
  'stop',
  'targets',
  'rr_to_t1',
  'confidence',
  'composite_score',
  'probabilities',
  'actionable_now',
  'actionable_soon',
  'waiting_for',
  'last_price',
  'atr',
  'planning_context',
  'requires_live_confirmation',
  'data_source',
  'fallback_from',
  'as_of',
  'stale',
  'banners',
  'warnings',
  'idea_url',
] as const;

export function compactPlan(p: Obj): Obj {
  if (p.status === 'no_setup') {
    return {
      ...pick(p, ['status', 'plan_id', 'symbol', 'style', 'message', 'data_source', 'fallback_from', 'as_of', 'stale', 'banners', 'warnings']),
      not_fired: (p.not_fired ?? []).slice(0, 10),
    };
  }
  return { ...pick(p, PLAN_KEYS), alternatives: (p.alternatives ?? []).length };
}

export const SCAN_CANDIDATE_KEYS = [
  'rank',
  'symbol',
  'plan_id',
  'version',
  'strategy_id',
  'style',
  'direction',
  'entry',
  'stop',
  'targets',
  'rr_to_t1',
  'confidence',
  'score',
  'entry_distance_pct',
  'actionable_soon',
  'waiting_for',
  'data_source',
  'as_of',
] as const;

export function compactScan(page: Obj): Obj {
  return {
    ...pick(page, ['data_source', 'as_of', 'planning_context', 'banners', 'next_cursor', 'no_setup_count']),
    meta: pick(page.meta ?? {}, ['style', 'universe_count', 'total_candidates', 'offset', 'market_status', 'simulated_open']),
    candidates: (page.candidates ?? []).map((c: Obj) => pick(c, SCAN_CANDIDATE_KEYS)),
    errors: (page.errors ?? []).map((e: Obj) => ({ symbol: e.symbol, code: e.code, message: untrusted(e.message) })),
  };
}

/** Latest value of every indicator series, the last `bars` bars, key levels and trend. */
export function compactContext(ctx: Obj, bars: number): Obj {
  const latest: Obj = {};
  for (const [k, series] of Object.entries<any>(ctx.indicators ?? {})) {
    const last = Array.isArray(series) && series.length ? series[series.length - 1] : undefined;
    latest[k] = last ? last.value : null;
  }
  return {
    ...pick(ctx, ['symbol', 'interval', 'trend', 'last_close', 'key_levels', 'data_source', 'as_of', 'stale']),
    indicators: latest,
    bars: (ctx.bars ?? []).slice(-bars),
  };
}

const CONTRACT_KEYS = ['label', 'symbol', 'expiry', 'dte', 'strike', 'type', 'price', 'bid', 'ask', 'spread_pct', 'oi', 'volume', 'delta', 'theta', 'iv', 'tradeability'] as const;

export function compactContracts(r: Obj, top: number): Obj {
  const contract = (c: Obj) => ({
    ...pick(c, CONTRACT_KEYS),
    sizing: c.sizing ? pick(c.sizing, ['contracts', 'per_contract_cost', 'risk_per_contract', 'max_loss_est', 'rr_to_tp1']) : null,
    scenario_pnl: c.scenario ? (c.scenario.points ?? []).map((p: Obj) => ({ label: p.label, underlying: p.underlying, pnl_per_contract: p.pnl_per_contract })) : null,
  });
  return {
    ...pick(r, ['symbol', 'side', 'style', 'risk_amount', 'underlying_price', 'filters', 'relaxed_filters', 'relaxation_reasons', 'screened', 'passed', 'quote_session', 'note']),
    best: [...(r.best ?? []), ...(r.alternatives ?? [])].slice(0, top).map(contract),
    rejections: (r.rejections ?? []).map((x: Obj) => pick(x, ['reason', 'gate', 'count'])),
    ...pick(r, ['data_source', 'as_of', 'stale']),
  };
}

export function compactIdea(idea: Obj): Obj {
  return { ...pick(idea, ['plan_id', 'plan_version', 'symbol', 'style', 'kind', 'created_at']), plan: compactPlan(idea.plan ?? {}) };
}

export function compactPlaybooks(c: Obj, style?: string): Obj {
  const playbooks = (c.playbooks ?? [])
    .filter((p: Obj) => !style || (p.styles ?? []).some((s: Obj) => s.style === style))
    .map((p: Obj) => ({
      ...pick(p, ['id', 'name', 'window_et', 'min_rr', 'rules']),
      styles: (p.styles ?? []).map((s: Obj) => `${s.style}:${s.interval}`),
      stats: (p.stats ?? []).filter((s: Obj) => !style || s.style === style).map((s: Obj) => pick(s, ['source', 'style', 'n', 'tp1_rate', 'tp1_ci95', 'expectancy_r_after_costs', 'edge'])),
    }));
  return { ...pick(c, ['data_source', 'as_of', 'event']), playbooks };
}
