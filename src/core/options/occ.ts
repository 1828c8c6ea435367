/**
 * OCC option symbols (OSI format, as Tradier/Polygon print them without padding):
 * ROOT (1–6 chars) + YYMMDD + C|P + strike × 1000 as 8 digits, e.g. SPY251219P00450000 = SPY 2025-12-19 450 put.
 * Polygon's `O:` prefix and the 21-char space-padded form (`SPY   251219P00450000`) are accepted on parse.
 */
import type { OptionType } from './bsm';

export interface OccParts {
  underlying: string;
  /** YYYY-MM-DD. */
  expiration: string;
  type: OptionType;
  /** Strike in currency units (450 = $450). */
  strike: number;
}

const OCC_RE = /^([A-Z0-9.]{1,6}?)\s*(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;

/** Parse an OCC symbol; null when it is not one (never throws). Years are 20YY. */
export function parseOcc(sym: string): OccParts | null {
  if (typeof sym !== 'string') return null;
  let s = sym.trim().toUpperCase();
  if (s.startsWith('O:')) s = s.slice(2);
  const m = OCC_RE.exec(s);
  if (!m) return null;
  const [, root, yy, mm, dd, cp, strikeDigits] = m;
  const year = 2000 + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Reject impossible dates such as 251331 rather than letting Date roll them over.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return {
    underlying: root,
    expiration: `${year}-${mm}-${dd}`,
    type: cp === 'C' ? 'call' : 'put',
    strike: Number(strikeDigits) / 1000,
  };
}

/**
 * Format an OCC symbol; null when the parts cannot be represented (root not 1–6 chars, date outside
 * 2000–2099 or malformed, strike ≤ 0, ≥ 100,000 or not a multiple of 0.001).
 */
export function formatOcc(parts: OccParts): string | null {
  if (!parts || typeof parts !== 'object') return null;
  const root = typeof parts.underlying === 'string' ? parts.underlying.trim().toUpperCase() : '';
  if (!/^[A-Z0-9.]{1,6}$/.test(root)) return null;
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(parts.expiration ?? '');
  if (!dm || dm[1] < '2000' || dm[1] > '2099') return null;
  if (parts.type !== 'call' && parts.type !== 'put') return null;
  const milli = Math.round(parts.strike * 1000);
  if (!Number.isFinite(parts.strike) || milli <= 0 || milli > 99_999_999 || Math.abs(milli - parts.strike * 1000) > 1e-6) return null;
  const sym = `${root}${dm[1].slice(2)}${dm[2]}${dm[3]}${parts.type === 'call' ? 'C' : 'P'}${String(milli).padStart(8, '0')}`;
  // Round-trip guards invalid calendar dates (2025-02-30).
  return parseOcc(sym) ? sym : null;
}
