/**
 * Liquidity gates for option contracts and their per-style defaults.
 *
 * DTE, delta, spread and open-interest defaults are the reference's `CONTRACT_STYLE_DEFAULTS`
 * (seed-reference §5.1, including the swing/leaps DTE floors); the minimum volume per style comes
 * from the reference's contract_selector style rules (§5.5). When the regular session is not open
 * (quotes are stale and volume has not started) the spread cap is widened by 2 points and the volume
 * gate is dropped, as the reference does for closed markets.
 */

export const CONTRACT_STYLES = ['scalp', 'intraday', 'swing', 'leaps'] as const;
export type ContractStyle = (typeof CONTRACT_STYLES)[number];

export interface ContractFilters {
  /** Calendar days to expiration, inclusive range. */
  min_dte: number;
  max_dte: number;
  /** |delta| range, fractions 0–1. */
  min_delta: number;
  max_delta: number;
  /** (ask − bid) / mid × 100, percent (8 = 8 %). */
  max_spread_pct: number;
  /** Contracts of open interest. */
  min_oi: number;
  /** Contracts traded today. */
  min_volume: number;
}

export interface StyleDefaults extends ContractFilters {
  /** |delta| the score rewards (tradeability delta fit). */
  target_delta: number;
}

export const STYLE_DEFAULTS: Readonly<Record<ContractStyle, Readonly<StyleDefaults>>> = Object.freeze({
  scalp: { min_dte: 0, max_dte: 3, min_delta: 0.55, max_delta: 0.65, max_spread_pct: 8, min_oi: 500, min_volume: 10, target_delta: 0.6 },
  intraday: { min_dte: 0, max_dte: 7, min_delta: 0.45, max_delta: 0.55, max_spread_pct: 10, min_oi: 500, min_volume: 10, target_delta: 0.5 },
  // Reference floors: swing min DTE ≥ 10 / max ≥ 42 — applied here directly.
  swing: { min_dte: 10, max_dte: 45, min_delta: 0.3, max_delta: 0.55, max_spread_pct: 12, min_oi: 500, min_volume: 5, target_delta: 0.4 },
  // Reference floors: leaps min DTE ≥ 126 / max ≥ 365; the table's 180–1200 already satisfies them.
  leaps: { min_dte: 180, max_dte: 1200, min_delta: 0.25, max_delta: 0.45, max_spread_pct: 15, min_oi: 500, min_volume: 1, target_delta: 0.35 },
});

const STYLE_ALIASES: Record<string, ContractStyle> = {
  scalp: 'scalp',
  '0dte': 'scalp',
  short: 'scalp',
  intraday: 'intraday',
  day: 'intraday',
  swing: 'swing',
  leaps: 'leaps',
  leap: 'leaps',
};

/** Normalise a style token (aliases `0dte`, `leap`…); undefined when unknown. */
export function parseContractStyle(token: unknown): ContractStyle | undefined {
  return typeof token === 'string' ? STYLE_ALIASES[token.trim().toLowerCase()] : undefined;
}

export interface ResolveFiltersArgs {
  style: ContractStyle;
  /** Request overrides; any field given wins over the style default. */
  overrides?: Partial<ContractFilters>;
  /** False outside the regular session: spread cap +2, volume gate off. */
  marketOpen: boolean;
  /** Expected holding time in calendar days, when the plan states one: stretches swing/leaps max DTE. */
  horizonDays?: number;
}

/** Effective gates for one request. Never throws: unknown style falls back to intraday. */
export function resolveFilters(args: ResolveFiltersArgs): ContractFilters {
  const d = STYLE_DEFAULTS[args.style] ?? STYLE_DEFAULTS.intraday;
  const f: ContractFilters = {
    min_dte: d.min_dte,
    max_dte: d.max_dte,
    min_delta: d.min_delta,
    max_delta: d.max_delta,
    max_spread_pct: d.max_spread_pct,
    min_oi: d.min_oi,
    min_volume: d.min_volume,
  };
  const h = args.horizonDays;
  if (h !== undefined && Number.isFinite(h) && h > 0) {
    // An option should outlive the expected hold with room to spare (reference: 2× the hold, capped).
    if (args.style === 'swing') f.max_dte = Math.max(f.max_dte, Math.min(Math.ceil(2 * h), 90));
    if (args.style === 'leaps') f.max_dte = Math.max(f.max_dte, Math.min(Math.ceil(2 * h), 720));
  }
  if (!args.marketOpen) {
    f.max_spread_pct += 2;
    f.min_volume = 0;
  }
  for (const [k, v] of Object.entries(args.overrides ?? {}) as Array<[keyof ContractFilters, number | undefined]>) {
    if (typeof v === 'number' && Number.isFinite(v)) f[k] = v;
  }
  return f;
}
