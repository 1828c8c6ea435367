import type { EarningsWire, MacroKind } from './enrichment.schema';
import { etWallToUtc } from '../session/et-time';

/** CPI, FOMC (rate decision / statement / press conference) or NFP from a vendor's event name. */
export function macroKindOf(event: string): MacroKind {
  if (/\bcpi\b|consumer price/i.test(event)) return 'CPI';
  if (/fomc|fed(eral)? (funds|interest rate)|interest rate decision|fed rate decision/i.test(event)) return 'FOMC';
  if (/non[- ]?farm|\bnfp\b/i.test(event)) return 'NFP';
  return 'OTHER';
}

/** Vendor hour tokens → bmo | amc | dmh | null (Finnhub: bmo/amc/dmh; others: before/after market). */
export function earningsHourOf(raw: string | null | undefined): EarningsWire['hour'] {
  const h = (raw ?? '').trim().toLowerCase();
  if (h === 'bmo' || /before/.test(h)) return 'bmo';
  if (h === 'amc' || /after/.test(h)) return 'amc';
  if (h === 'dmh' || /during/.test(h)) return 'dmh';
  return null;
}

/** The instant the gate treats an earnings release as happening (bmo 08:00, amc 16:05, else 12:00 ET). */
export function earningsReleaseMs(date: string, hour: EarningsWire['hour']): number {
  if (hour === 'bmo') return etWallToUtc(date, 8, 0);
  if (hour === 'amc') return etWallToUtc(date, 16, 5);
  return etWallToUtc(date, 12, 0);
}
