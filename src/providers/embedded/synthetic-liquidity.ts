/**
 * Quote shape of the synthetic option chains (docs/levels-and-volatility.md): spreads, open interest and
 * volume shaped like listed US equity options, so the unchanged liquidity gates find contracts on a fresh
 * machine. Still synthetic data: the chain says `data_source: "synthetic"`.
 *
 * - Liquidity tier L ∈ [0, 1] from the underlying's traded dollar volume (10 M$/day → 0, 10 B$/day → 1);
 *   the most traded US option underlyings (LIQUID_UNDERLYINGS) have a floor tier whatever their synthetic
 *   profile says (SPY/QQQ 1, the megacaps 0.95, other liquid ETFs and names 0.85).
 * - Spread in dollars = k0 · (1 + 0.5 |m|) + k1 · premium · (1 + 0.8 |m|^1.5), m = ln(K/F)/(σ√T)
 *   standardised moneyness, k0 = 0.05 − 0.04 L, k1 = 0.02 − 0.017 L; rounded to whole ticks (at least one;
 *   0.01 below $3 and for the most liquid names, 0.05 otherwise). A liquid ATM contract is a penny or two
 *   wide (≈1–3 % of premium); a cheap name's $0.50 option ~15–20 %; further from the money wider still.
 * - Open interest peaks at the money and decays with |m| (OTM strikes carry more than ITM), scaled by L
 *   and by expiry (weeklies and front months most); round strikes get extra. Volume is a turnover
 *   fraction of open interest, highest for the nearest expirations.
 */
import type { Prng } from './prng';

/** Floor tiers of the most traded US option underlyings (their options are penny-wide at the money). */
export const LIQUID_UNDERLYINGS: Readonly<Record<string, number>> = Object.freeze({
  SPY: 1,
  QQQ: 1,
  IWM: 0.95,
  AAPL: 0.95,
  MSFT: 0.95,
  NVDA: 0.95,
  TSLA: 0.95,
  AMZN: 0.95,
  META: 0.95,
  GOOGL: 0.9,
  GOOG: 0.9,
  AMD: 0.9,
  NFLX: 0.85,
  AVGO: 0.85,
  DIA: 0.85,
  SMH: 0.85,
  XLF: 0.85,
  TLT: 0.85,
  GLD: 0.85,
});

/** Liquidity tier 0–1 of an underlying from its average daily share volume and price (floored for LIQUID_UNDERLYINGS). */
export function liquidityTier(symbol: string, avgVolume: number, spot: number): number {
  const dollars = Math.max(1, avgVolume * spot);
  const byVolume = Math.min(1, Math.max(0, (Math.log10(dollars) - 7) / 3));
  return Math.max(LIQUID_UNDERLYINGS[symbol.toUpperCase()] ?? 0, byVolume);
}

/** Strike spacing: liquid names list $0.50 / $1 strikes (as SPY, QQQ and the megacaps do); others the standard grid. */
export function syntheticStrikeStep(standard: number, spot: number, tier: number): number {
  if (tier < 0.85) return standard;
  return Math.min(standard, spot < 50 ? 0.5 : spot < 600 ? 1 : 2.5);
}

/** Quote tick: pennies below $3 (and at any price for the most liquid names), nickels above. */
export function quoteTick(premium: number, tier: number): number {
  return premium < 3 || tier >= 0.85 ? 0.01 : 0.05;
}

/** Bid/ask around a theoretical price (see the file comment); bid ≥ 0, ask ≥ bid + one tick. */
export function syntheticQuote(price: number, moneyness: number, tier: number): { bid: number; ask: number } {
  const tick = quoteTick(price, tier);
  const k0 = 0.05 - 0.04 * tier;
  const k1 = 0.02 - 0.017 * tier;
  const m = Math.abs(moneyness);
  const spread = k0 * (1 + 0.5 * m) + k1 * price * (1 + 0.8 * m ** 1.5);
  const width = Math.max(1, Math.round(spread / tick));
  const bidTicks = Math.max(0, Math.round((price - (width * tick) / 2) / tick));
  const cents = (t: number) => Math.round(t * tick * 100) / 100;
  return { bid: cents(bidTicks), ask: cents(bidTicks + width) };
}

/** Open interest and today's volume of one contract. */
export function syntheticActivity(args: { moneyness: number; otm: boolean; dte: number; tier: number; strike: number; spot: number; rng: Prng }): { oi: number; volume: number } {
  const { moneyness: m, otm, dte, tier, strike, spot, rng } = args;
  const expiryWeight = dte < 10 ? 1.5 : dte < 45 ? 1 : dte < 200 ? 0.5 : 0.3;
  const roundStrike = strike % (spot >= 100 ? 10 : 5) === 0 ? 1.5 : 1;
  const scale = 300 + 24_000 * tier * tier; // ATM OI of a front-month contract: a few hundred (illiquid) to ~25k
  const oi = Math.round(scale * expiryWeight * roundStrike * Math.exp(-0.35 * m * m) * (otm ? 1 : 0.45) * (0.6 + 0.8 * rng.next()));
  const turnover = dte < 3 ? 0.9 : dte < 10 ? 0.4 : dte < 45 ? 0.12 : 0.03;
  const volume = Math.round(oi * turnover * Math.exp(-0.25 * m * m) * (0.5 + rng.next()));
  return { oi, volume };
}
