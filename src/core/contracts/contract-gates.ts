/**
 * Screening: each contract goes through the gates in a fixed order and the first one it fails is
 * recorded (so a contract is counted once, under the gate that removed it). Order follows the
 * reference: side → quote → spread → DTE → delta present → |delta| range → open interest → volume.
 */
import type { OptionRight } from '../../providers/provider.types';
import type { ContractFilters } from './contract-filters';
import type { ContractRow } from './contract-row';

export const REJECTION_REASONS = [
  'SIDE_MISMATCH',
  'NO_MARKET_DATA',
  'SPREAD_TOO_WIDE',
  'DTE_OUT_OF_RANGE',
  'DELTA_UNAVAILABLE',
  'DELTA_OUT_OF_RANGE',
  'OPEN_INTEREST_TOO_LOW',
  'VOLUME_TOO_LOW',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Which filter field each gate reads (null = not a tunable filter). */
export const GATE_OF_REASON: Record<RejectionReason, string> = {
  SIDE_MISMATCH: 'side',
  NO_MARKET_DATA: 'quote',
  SPREAD_TOO_WIDE: 'max_spread_pct',
  DTE_OUT_OF_RANGE: 'min_dte/max_dte',
  DELTA_UNAVAILABLE: 'delta',
  DELTA_OUT_OF_RANGE: 'min_delta/max_delta',
  OPEN_INTEREST_TOO_LOW: 'min_oi',
  VOLUME_TOO_LOW: 'min_volume',
};

// Absorb binary rounding of quotes (0.55 stored as 0.5499999…) at the edges of a range.
const EPS = 1e-9;

/** First gate the row fails, or null when it passes them all. */
export function screenContract(row: ContractRow, filters: ContractFilters, side: OptionRight): RejectionReason | null {
  const c = row.contract;
  if (c.type !== side) return 'SIDE_MISMATCH';
  if (!Number.isFinite(row.mid) || !(row.mid > 0)) return 'NO_MARKET_DATA';
  if (!Number.isFinite(row.spread_pct) || row.spread_pct > filters.max_spread_pct + EPS) return 'SPREAD_TOO_WIDE';
  if (!Number.isFinite(row.dte) || row.dte < filters.min_dte || row.dte > filters.max_dte) return 'DTE_OUT_OF_RANGE';
  if (!row.greeks) return 'DELTA_UNAVAILABLE';
  const absDelta = Math.abs(row.greeks.delta);
  if (absDelta < filters.min_delta - EPS || absDelta > filters.max_delta + EPS) return 'DELTA_OUT_OF_RANGE';
  const oi = c.open_interest ?? 0;
  if (!(oi >= filters.min_oi)) return 'OPEN_INTEREST_TOO_LOW';
  const vol = c.volume ?? 0;
  if (!(vol >= filters.min_volume)) return 'VOLUME_TOO_LOW';
  return null;
}

export interface GateOutcome {
  passing: ContractRow[];
  /** Count per reason, only reasons that removed something. */
  counts: Partial<Record<RejectionReason, number>>;
  /** Contract symbols per reason (all of them; callers trim for output). */
  symbols: Partial<Record<RejectionReason, string[]>>;
}

export function applyGates(rows: readonly ContractRow[], filters: ContractFilters, side: OptionRight): GateOutcome {
  const out: GateOutcome = { passing: [], counts: {}, symbols: {} };
  for (const row of rows) {
    const reason = screenContract(row, filters, side);
    if (reason === null) {
      out.passing.push(row);
      continue;
    }
    out.counts[reason] = (out.counts[reason] ?? 0) + 1;
    (out.symbols[reason] ??= []).push(row.contract.symbol);
  }
  return out;
}

/** Human sentence for a rejection count, naming the threshold that applied. */
export function rejectionMessage(reason: RejectionReason, f: ContractFilters, side: OptionRight): string {
  switch (reason) {
    case 'SIDE_MISMATCH':
      return `not a ${side}`;
    case 'NO_MARKET_DATA':
      return 'no two-sided quote (ask missing or below bid)';
    case 'SPREAD_TOO_WIDE':
      return `bid/ask spread above ${round2(f.max_spread_pct)} % of mid`;
    case 'DTE_OUT_OF_RANGE':
      return `days to expiry outside ${f.min_dte}–${f.max_dte}`;
    case 'DELTA_UNAVAILABLE':
      return 'no vendor delta and no implied vol could be solved from the quote';
    case 'DELTA_OUT_OF_RANGE':
      return `|delta| outside ${round2(f.min_delta)}–${round2(f.max_delta)}`;
    case 'OPEN_INTEREST_TOO_LOW':
      return `open interest below ${f.min_oi}`;
    case 'VOLUME_TOO_LOW':
      return `volume below ${f.min_volume}`;
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
