/**
 * Provenance of the volatility block (issue 16): where each part came from, one banner when any part
 * is synthetic (or replayed), and a note for every field that is null.
 */
export interface VolatilitySources {
  /** Options provider of the chain behind iv_atm (synthetic, tradier, polygon …), null without a chain. */
  iv: string | null;
  /** Market-data provider of the daily bars behind hv_* (replay, synthetic, polygon …). */
  hv: string | null;
  /** `atm_iv_history` (recorded daily ATM IV, from the listed chain sources) or `hv20_proxy`. */
  iv_rank: string | null;
  /** Options provider behind skew (25Δ RR/BF) and the term structure. */
  skew: string | null;
  term_structure: string | null;
  /** `iv_atm` (then the IV source) or `hv20` (then the HV source). */
  expected_move: string | null;
  /** quote | chain | daily_close. */
  spot: string | null;
  /** Chain sources of the recorded ATM-IV days used for the rank. */
  iv_history: string[];
}

/** Providers whose numbers are not market data. */
export const NON_MARKET_SOURCES = new Set(['synthetic', 'replay']);

export function volatilityBanner(s: VolatilitySources): string | null {
  const parts: string[] = [];
  if (s.iv === 'synthetic') parts.push('IV, skew and term structure from the synthetic option chain (generated, not market quotes)');
  if (s.iv_history.includes('synthetic')) parts.push('IV rank/percentile over recorded ATM IV that came from the synthetic chain');
  if (s.hv === 'synthetic') parts.push('HV from synthetic bars');
  if (s.hv === 'replay') parts.push('HV from replayed bars');
  if (!parts.length) return null;
  return `SYNTHETIC VOLATILITY — ${parts.join('; ')}. Not for trading decisions.`;
}

/** One note per null field that no note names yet ("field: reason"). */
// free-form: any payload's fields by name (only which are null matters here)
export function notesForNulls(values: Record<string, unknown>, reasons: Record<string, string>, notes: string[]): string[] {
  const out = [...notes];
  for (const [field, v] of Object.entries(values)) {
    if (v !== null) continue;
    if (out.some((n) => n.startsWith(`${field}:`))) continue;
    out.push(`${field}: ${reasons[field] ?? 'unavailable'}`);
  }
  return out;
}
