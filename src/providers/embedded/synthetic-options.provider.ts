import { bsm } from '../../core/options/bsm';
import { formatOcc } from '../../core/options/occ';
import { yearsToExpiry } from '../../core/options/time';
import { etDate } from '../../core/session/et-time';
import { ProviderError } from '../provider.errors';
import { instrumentOf } from '../../core/instruments/instrument';
import type { CallOptions, ChainRequest, Clock, ExpirationsResult, OptionChain, OptionContract, OptionsProvider } from '../provider.types';
import { standardExpirations, strikeStep } from './expirations';
import { Prng } from './prng';
import { symbolProfile } from './synthetic-path';

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
 * BSM prices off a skewed volatility surface, realistic spreads, open interest and volume.
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
    return { underlying: underlying.toUpperCase(), expirations: standardExpirations(etDate(now)), data_source: this.id, as_of: new Date(now).toISOString(), stale: false };
  }

  async getChain(req: ChainRequest): Promise<OptionChain> {
    const sym = req.underlying.toUpperCase();
    this.noIndexChain(sym);
    const now = this.options.clock.now();
    const today = etDate(now);
    const spot = await this.options.spot(sym);
    if (!(spot > 0)) throw new ProviderError(this.id, 'empty', `no underlying price for ${sym}`);
    const all = standardExpirations(today);
    const exps = req.expiration ? all.filter((e) => e === req.expiration) : all.filter((e) => yearsToExpiry(now, e) * 365 <= 120);
    if (req.expiration && !exps.length) throw new ProviderError(this.id, 'not_found', `no ${sym} expiration ${req.expiration}`);
    const profile = symbolProfile(sym);
    const atmVol = profile.dailyVol * Math.sqrt(252);
    const q = profile.dividendYield;
    const liquidity = Math.min(3, profile.avgVolume / 2e7) + 0.2;
    const contracts: OptionContract[] = [];
    for (const exp of exps) {
      const T = yearsToExpiry(now, exp);
      if (!(T > 0)) continue;
      const dte = T * 365;
      const forward = spot * Math.exp((SYNTHETIC_RATE - q) * T);
      const step = strikeStep(spot) * (dte > 200 ? 2 : 1);
      const width = Math.min(0.6, 0.12 + atmVol * Math.sqrt(T) * 2.5);
      const lo = Math.max(step, round(spot * (1 - width), step));
      const hi = round(spot * (1 + width), step);
      const r = new Prng(`chain|${sym}|${today}|${exp}`);
      for (let k = lo; k <= hi + 1e-9; k = Math.round((k + step) * 1e6) / 1e6) {
        const vol = surfaceVol(atmVol, T, k, forward);
        const mny = Math.log(k / forward) / (atmVol * Math.sqrt(Math.max(T, 1 / 365)));
        for (const type of ['call', 'put'] as const) {
          const g = bsm({ type, spot, strike: k, years: T, rate: SYNTHETIC_RATE, dividendYield: q, vol });
          if (!Number.isFinite(g.price)) continue;
          const otm = type === 'call' ? mny > 0 : mny < 0;
          const activity = Math.exp(-0.5 * mny * mny) * (dte < 10 ? 1.6 : dte < 45 ? 1 : 0.5) * liquidity;
          const oi = Math.round(activity * (otm ? 9000 : 4000) * (0.5 + r.next()));
          const volume = Math.round(oi * (dte < 10 ? 0.6 : 0.15) * r.next());
          const tick = g.price < 3 ? 0.01 : 0.05;
          const half = Math.max(tick, ((0.012 + 0.02 * g.price) * (1 + Math.abs(mny) * 0.6)) / Math.max(0.3, liquidity)) / 2;
          const bid = Math.max(0, Math.floor((g.price - half) / tick) * tick);
          const ask = Math.max(bid + tick, Math.ceil((g.price + half) / tick) * tick);
          contracts.push({
            symbol: formatOcc({ underlying: sym, expiration: exp, type, strike: k }) ?? `${sym}_${exp}_${type[0].toUpperCase()}${k}`,
            underlying: sym,
            expiration: exp,
            type,
            strike: k,
            bid: Math.round(bid * 100) / 100,
            ask: Math.round(ask * 100) / 100,
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
