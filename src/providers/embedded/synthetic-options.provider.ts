import { bsm } from '../../core/options/bsm';
import { formatOcc } from '../../core/options/occ';
import { yearsToExpiry } from '../../core/options/time';
import { etDate } from '../../core/session/et-time';
import { ProviderError } from '../provider.errors';
import { instrumentOf } from '../../core/instruments/instrument';
import type { CallOptions, ChainRequest, Clock, ExpirationsResult, OptionChain, OptionContract, OptionsProvider } from '../provider.types';
import { DAILY_EXPIRATION_UNDERLYINGS, standardExpirations, strikeStep } from './expirations';
import { Prng } from './prng';
import { liquidityTier, syntheticActivity, syntheticQuote, syntheticStrikeStep } from './synthetic-liquidity';
import { symbolProfile } from './synthetic-path';
import { sliceDue } from './cpu-slices';

/** Risk-free rate assumed by the synthetic surface (continuous, fraction). */
export const SYNTHETIC_RATE = 0.045;

/**
 * Implied volatility surface: ATM vol from the symbol's profile with a term structure (short-dated
 * richer) and a skew (downside strikes richer, a mild smile on the upside). m = ln(K/F)/(σ√T).
 */
export function surfaceVol(atmVol: number, years: number, strike: number, forward: number): number {
  const t = Math.max(years, 1 / 365);
  const atm = atmVol * (1 + 0.12 * Math.exp(-t / 0.08));
  const m = Math.log(strike / forward) / (atm * Math.sqrt(t));
  const vol = atm * (1 - 0.09 * m + 0.018 * m * m);
  return Math.min(3, Math.max(0.05, vol));
}

const round = (x: number, tick: number) => Math.round(x / tick) * tick;

/**
 * Option chains for any underlying (id `synthetic`): standard expirations, strikes around spot,
 * BSM prices off a skewed volatility surface, spreads, open interest and volume shaped like listed
 * options (synthetic-liquidity.ts).
 * Greeks and IV are included and marked `greeks_source: "computed"`.
 */
export class SyntheticOptionsProvider implements OptionsProvider {
  readonly id = 'synthetic';
  readonly testSymbol = 'SPY';

  constructor(private readonly options: { clock: Clock; spot: (symbol: string) => Promise<number> }) {}

  /** The synthetic surface lists no index options (SPX/NDX plans execute via the ETF proxy's chain). */
  private noIndexChain(underlying: string): void {
    const inst = instrumentOf(underlying);
    if (inst.kind === 'index') throw new ProviderError(this.id, 'not_found', `synthetic options list no ${inst.symbol} index chain`);
  }

  async getExpirations(underlying: string, _opts?: CallOptions): Promise<ExpirationsResult> {
    this.noIndexChain(underlying);
    const now = this.options.clock.now();
    return {
      underlying: underlying.toUpperCase(),
      expirations: standardExpirations(etDate(now), DAILY_EXPIRATION_UNDERLYINGS.has(underlying.toUpperCase())),
      data_source: this.id,
      as_of: new Date(now).toISOString(),
      stale: false,
    };
  }

  async getChain(req: ChainRequest): Promise<OptionChain> {
    const sym = req.underlying.toUpperCase();
    this.noIndexChain(sym);
    const now = this.options.clock.now();
    const today = etDate(now);
    const spot = await this.options.spot(sym);
    if (!(spot > 0)) throw new ProviderError(this.id, 'empty', `no underlying price for ${sym}`);
    const all = standardExpirations(today, DAILY_EXPIRATION_UNDERLYINGS.has(sym));
    const exps = req.expiration ? all.filter((e) => e === req.expiration) : all.filter((e) => yearsToExpiry(now, e) * 365 <= 120);
    if (req.expiration && !exps.length) throw new ProviderError(this.id, 'not_found', `no ${sym} expiration ${req.expiration}`);
    const profile = symbolProfile(sym);
    const atmVol = profile.dailyVol * Math.sqrt(252);
    const q = profile.dividendYield;
    const tier = liquidityTier(sym, profile.avgVolume, spot);
    const contracts: OptionContract[] = [];
    for (const exp of exps) {
      const due = sliceDue(); // an expiration's strikes at a time: a scan prices many chains at once
      if (due) await due;
      const T = yearsToExpiry(now, exp);
      if (!(T > 0)) continue;
      const dte = T * 365;
      const forward = spot * Math.exp((SYNTHETIC_RATE - q) * T);
      const step = strikeStep(spot) * (dte > 200 ? 2 : 1);
      // liquid names list finer strikes near the money of the nearer expirations (standard grid beyond)
      const fine = dte > 200 ? step : syntheticStrikeStep(step, spot, tier);
      const nearBand = spot * Math.min(0.1, 0.03 + atmVol * Math.sqrt(T));
      const width = Math.min(0.6, 0.12 + atmVol * Math.sqrt(T) * 2.5);
      const lo = Math.max(step, round(spot * (1 - width), step));
      const hi = round(spot * (1 + width), step);
      const strikes = new Set<number>();
      for (let k = lo; k <= hi + 1e-9; k = Math.round((k + step) * 1e6) / 1e6) strikes.add(k);
      if (fine < step) for (let k = Math.max(fine, round(spot - nearBand, fine)); k <= spot + nearBand + 1e-9; k = Math.round((k + fine) * 1e6) / 1e6) strikes.add(k);
      const r = new Prng(`chain|${sym}|${today}|${exp}`);
      for (const k of [...strikes].sort((a, b) => a - b)) {
        const vol = surfaceVol(atmVol, T, k, forward);
        const mny = Math.log(k / forward) / (atmVol * Math.sqrt(Math.max(T, 1 / 365)));
        for (const type of ['call', 'put'] as const) {
          const g = bsm({ type, spot, strike: k, years: T, rate: SYNTHETIC_RATE, dividendYield: q, vol });
          if (!Number.isFinite(g.price)) continue;
          const otm = type === 'call' ? mny > 0 : mny < 0;
          const { oi, volume } = syntheticActivity({ moneyness: mny, otm, dte, tier, strike: k, spot, rng: r });
          const { bid, ask } = syntheticQuote(g.price, mny, tier);
          contracts.push({
            symbol: formatOcc({ underlying: sym, expiration: exp, type, strike: k }) ?? `${sym}_${exp}_${type[0].toUpperCase()}${k}`,
            underlying: sym,
            expiration: exp,
            type,
            strike: k,
            bid,
            ask,
            last: Math.round(g.price * 100) / 100,
            volume,
            open_interest: oi,
            iv: vol,
            delta: g.delta,
            gamma: g.gamma,
            theta: g.thetaPerDay,
            vega: g.vegaPerVolPoint,
            rho: g.rhoPerRatePoint,
            greeks_source: 'computed',
          });
        }
      }
    }
    return { underlying: sym, underlying_price: spot, contracts, data_source: this.id, as_of: new Date(now).toISOString(), stale: false };
  }
}
