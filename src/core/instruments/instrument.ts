/**
 * The instrument concept: what a symbol is (equity, ETF, index), how its options exercise and settle,
 * the contract multiplier and tick, and how vendors spell it. Pure data + lookups; no I/O.
 *
 * Index options: SPX (monthly, AM-settled: last trading day is the business day before expiry; the
 * settlement value is the special opening quotation on expiry morning), SPXW (weeklies/dailies,
 * PM-settled: trade through expiry day's close), NDX (AM-settled monthlies), NDXP (PM-settled).
 * ETF options (SPY, QQQ …) and equity options are American and physically settled (assignment risk).
 */
import { previousTradingDay } from '../session/nyse-calendar';

export type InstrumentKind = 'equity' | 'etf' | 'index';
export type OptionStyle = 'american' | 'european';
export type Settlement = 'physical' | 'cash_am' | 'cash_pm';

export interface OptionRoot {
  /** OCC root as it appears in option symbols (SPX, SPXW, NDX, NDXP, SPY …). */
  root: string;
  style: OptionStyle;
  settlement: Settlement;
  /** $ per 1.00 of option price per contract. */
  multiplier: number;
  /** Minimum price increment of the option quote (below 3.00 for index roots), $. */
  tick: number;
}

export interface Instrument {
  /** Canonical symbol (the one-symbol rule of src/core/symbols/ticker.ts): SPX, NDX, SPY … */
  symbol: string;
  kind: InstrumentKind;
  /** Minimum price increment of the underlying quote. */
  tick_size: number;
  /** Option roots listed on this underlying; the first is the default. */
  option_roots: OptionRoot[];
  /** Vendor spellings of the underlying, by vendor id. */
  vendor_symbols: Record<string, string>;
  /** For an index: the ETF that tracks it and can execute its plans when the index chain is degraded. */
  etf_proxy?: string;
  /** Broad-market index or ETF: macro releases (CPI, FOMC, NFP) gate its intraday plans. */
  broad_market: boolean;
}

const etfRoot = (root: string): OptionRoot => ({ root, style: 'american', settlement: 'physical', multiplier: 100, tick: 0.01 });

const INDEXES: Record<string, Instrument> = {
  SPX: {
    symbol: 'SPX',
    kind: 'index',
    tick_size: 0.01,
    option_roots: [
      { root: 'SPXW', style: 'european', settlement: 'cash_pm', multiplier: 100, tick: 0.05 },
      { root: 'SPX', style: 'european', settlement: 'cash_am', multiplier: 100, tick: 0.05 },
    ],
    vendor_symbols: { polygon: 'I:SPX', tradier: 'SPX', yahoo: '^SPX', schwab: '$SPX.X', finnhub: '^GSPC' },
    etf_proxy: 'SPY',
    broad_market: true,
  },
  NDX: {
    symbol: 'NDX',
    kind: 'index',
    tick_size: 0.01,
    option_roots: [
      { root: 'NDXP', style: 'european', settlement: 'cash_pm', multiplier: 100, tick: 0.05 },
      { root: 'NDX', style: 'european', settlement: 'cash_am', multiplier: 100, tick: 0.05 },
    ],
    vendor_symbols: { polygon: 'I:NDX', tradier: 'NDX', yahoo: '^NDX', schwab: '$NDX.X', finnhub: '^NDX' },
    etf_proxy: 'QQQ',
    broad_market: true,
  },
};

/** Index and broad ETF symbols whose intraday plans the macro-event gate applies to (reference §6.5 list). */
export const BROAD_MARKET_SYMBOLS: ReadonlySet<string> = new Set([
  'SPY',
  'QQQ',
  'IWM',
  'DIA',
  'TLT',
  'SMH',
  'XLF',
  'XLE',
  'XLK',
  'XLV',
  'XLY',
  'XLI',
  'XLB',
  'XLU',
  'XLRE',
  'HYG',
  'GDX',
  'USO',
  'GLD',
  'SLV',
  'SPX',
  'NDX',
]);

/** Option-root spellings → the index they list on (SPXW → SPX). */
const ROOT_TO_INDEX: Record<string, string> = { SPX: 'SPX', SPXW: 'SPX', SPXPM: 'SPX', NDX: 'NDX', NDXP: 'NDX' };

/** Strip vendor prefixes: I:SPX, ^SPX, $SPX.X, $SPX → SPX (upper-cased). */
export function stripVendorPrefix(raw: string): string {
  let s = raw.trim().toUpperCase();
  if (s.startsWith('I:')) s = s.slice(2);
  else if (s.startsWith('^')) s = s.slice(1);
  else if (s.startsWith('$')) s = s.slice(1).replace(/\.X$/, '');
  return s;
}

/** The index a symbol (or vendor spelling, or option root) names; null when it is not an index. */
export function indexOf(raw: string): string | null {
  return ROOT_TO_INDEX[stripVendorPrefix(raw)] ?? null;
}

export function isIndexSymbol(raw: string): boolean {
  return indexOf(raw) !== null;
}

/** The instrument of a canonical symbol. Unknown symbols are equities unless they are known broad ETFs. */
export function instrumentOf(raw: string): Instrument {
  const idx = indexOf(raw);
  if (idx) return INDEXES[idx];
  const symbol = stripVendorPrefix(raw);
  const etf = BROAD_MARKET_SYMBOLS.has(symbol);
  return { symbol, kind: etf ? 'etf' : 'equity', tick_size: 0.01, option_roots: [etfRoot(symbol)], vendor_symbols: {}, broad_market: etf };
}

/** The index an ETF tracks as its proxy (SPY → SPX, QQQ → NDX), or null. */
export function indexTrackedBy(etf: string): string | null {
  const s = stripVendorPrefix(etf);
  for (const inst of Object.values(INDEXES)) if (inst.etf_proxy === s) return inst.symbol;
  return null;
}

/** The vendor's spelling of a symbol (falls back to the canonical one). */
export function vendorSymbol(raw: string, vendor: string): string {
  const inst = instrumentOf(raw);
  return inst.vendor_symbols[vendor] ?? inst.symbol;
}

/** The option root an OCC option symbol starts with (SPXW240719C05500000 → SPXW). */
export function optionRootOf(occ: string): string {
  const m = /^([A-Z]{1,6})\d{6}[CP]\d{8}$/.exec(occ.replace(/^O:/, '').trim().toUpperCase());
  return m ? m[1] : '';
}

/** Root metadata by OCC root; equities/ETFs default to American, physical, ×100. */
export function optionRootInfo(root: string): OptionRoot {
  const idx = ROOT_TO_INDEX[root.toUpperCase()];
  const listed = idx ? INDEXES[idx].option_roots.find((r) => r.root === root.toUpperCase()) : undefined;
  return listed ?? etfRoot(root.toUpperCase());
}

/**
 * Last trading day (ET date) of an option with this root and expiration: AM-settled roots stop trading
 * at the close of the business day before expiry (NYSE calendar); PM-settled and physical ones trade
 * through the expiration day.
 */
export function lastTradingDay(root: string, expiration: string): string {
  return optionRootInfo(root).settlement === 'cash_am' ? previousTradingDay(expiration) : expiration;
}

/** Whether a contract can still be traded on ET date `today`. */
export function tradableOn(root: string, expiration: string, today: string): boolean {
  return today <= lastTradingDay(root, expiration);
}

/** Plain-language settlement / assignment note for an option root. */
export function settlementNote(root: string): string {
  const r = optionRootInfo(root);
  if (r.settlement === 'physical')
    return `${r.root} options are American and physically settled: early assignment is possible, and an in-the-money contract at expiry becomes ${r.multiplier} shares — watch assignment/settlement.`;
  if (r.settlement === 'cash_am') return `${r.root} options are European and cash-settled on the expiry-morning opening print (AM): they stop trading the business day before expiry.`;
  return `${r.root} options are European and cash-settled at the expiry-day close (PM): no early assignment.`;
}
