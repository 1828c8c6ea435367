import { readFixtureJson } from '../../../test/support/fixtures';
import { BsmInput, BsmResult, bsm, bsmPrice, OptionType } from './bsm';

/**
 * Oracle: reference/black_scholes_reference_cases.json — published Haug / Hull / py_vollib values
 * (`expected`, with the file's `tolerance_abs`) and QuantLib 1.29 full-precision values for every
 * greek. The file's units differ from ours: theta per year (ours /365 per calendar day), vega and
 * rho per 1.00 (ours per 1 point = /100); each expected key is converted explicitly below.
 */
interface QlGreeks {
  price: number;
  delta: number;
  gamma: number;
  'vega_per_1.00_vol': number;
  vega_per_1pct_vol: number;
  theta_per_year: number;
  theta_per_calendar_day_365: number;
  'rho_per_1.00_rate': number;
  rho_per_1pct_rate: number;
  'dividend_rho_per_1.00': number;
  elasticity: number;
  d1: number;
  d2: number;
}
interface BsCase {
  id: string;
  inputs: { type?: OptionType; S: number; K: number; T_years: number; r: number; q: number; sigma: number };
  expected: Record<string, number>;
  tolerance_abs: number;
  quantlib_1_29_full_precision: QlGreeks | { call: QlGreeks; put: QlGreeks };
}

const file = readFixtureJson<{ cases: BsCase[] }>('reference', 'black_scholes_reference_cases.json');

function toInput(c: BsCase, type: OptionType): BsmInput {
  const i = c.inputs;
  return { type, spot: i.S, strike: i.K, years: i.T_years, rate: i.r, dividendYield: i.q, vol: i.sigma };
}

/** Our result expressed in the fixture's unit for `key` (e.g. 'theta_per_year'). */
function inFixtureUnits(key: string, input: BsmInput, r: BsmResult): number {
  switch (key) {
    case 'price':
    case 'delta':
    case 'gamma':
    case 'd1':
    case 'd2':
      return r[key];
    case 'vega_per_1.00_vol':
      return r.vegaPerVolPoint * 100;
    case 'vega_per_1pct_vol':
      return r.vegaPerVolPoint;
    case 'theta_per_year':
      return r.thetaPerDay * 365;
    case 'theta_per_calendar_day_365':
      return r.thetaPerDay;
    case 'rho_per_1.00_rate':
      return r.rhoPerRatePoint * 100;
    case 'rho_per_1pct_rate':
      return r.rhoPerRatePoint;
    case 'elasticity':
      // Ω = Δ·S/V — derived from our delta and price.
      return (r.delta * input.spot) / r.price;
    case 'dividend_rho_per_1.00': {
      // Not part of BsmResult: central difference of our price in q (error O(h²) ≈ 1e-10 here).
      const h = 1e-5;
      return (bsmPrice({ ...input, dividendYield: input.dividendYield + h }) - bsmPrice({ ...input, dividendYield: input.dividendYield - h })) / (2 * h);
    }
    default:
      throw new Error(`unmapped fixture key ${key}`);
  }
}

describe('bsm against published reference values', () => {
  it('has the 58 cases the README describes', () => {
    expect(file.cases).toHaveLength(58);
  });

  for (const c of file.cases) {
    it(`${c.id}: published values within ${c.tolerance_abs}`, () => {
      for (const [rawKey, want] of Object.entries(c.expected)) {
        const m = /^(call|put)_(.+)$/.exec(rawKey);
        // d1/d2 are the same for both rights; cases without a type list only those.
        const type: OptionType = m ? (m[1] as OptionType) : (c.inputs.type ?? 'call');
        const key = m ? m[2] : rawKey;
        const input = toInput(c, type);
        const got = inFixtureUnits(key, input, bsm(input));
        expect({ key: rawKey, diff: Math.abs(got - want) <= c.tolerance_abs ? 'ok' : got }).toEqual({ key: rawKey, diff: 'ok' });
      }
    });
  }
});

describe('bsm against QuantLib 1.29 full precision (every greek, both rights)', () => {
  const keys: (keyof QlGreeks)[] = [
    'price',
    'delta',
    'gamma',
    'vega_per_1.00_vol',
    'vega_per_1pct_vol',
    'theta_per_year',
    'theta_per_calendar_day_365',
    'rho_per_1.00_rate',
    'rho_per_1pct_rate',
    'dividend_rho_per_1.00',
    'elasticity',
    'd1',
    'd2',
  ];
  for (const c of file.cases) {
    const ql = c.quantlib_1_29_full_precision;
    const sets: [OptionType, QlGreeks][] =
      'call' in ql
        ? [
            ['call', ql.call],
            ['put', ql.put],
          ]
        : [[c.inputs.type!, ql]];
    for (const [type, ref] of sets) {
      it(`${c.id} ${type}`, () => {
        const input = toInput(c, type);
        const r = bsm(input);
        for (const k of keys) {
          const got = inFixtureUnits(k, input, r);
          // Closed-form vs QuantLib: agree to ~1e-12 relative; finite-difference dividend rho to 1e-7.
          const tol = (k === 'dividend_rho_per_1.00' ? 1e-7 : 1e-10) * Math.max(1, Math.abs(ref[k]));
          expect({ k, ok: Math.abs(got - ref[k]) <= tol ? true : got }).toEqual({ k, ok: true });
        }
        expect(bsmPrice(input)).toBeCloseTo(r.price, 12);
      });
    }
  }
});

describe('bsm identities (independent of the fixture)', () => {
  const base: BsmInput = { type: 'call', spot: 100, strike: 95, years: 0.5, rate: 0.05, dividendYield: 0.02, vol: 0.25 };
  it('put-call parity: C − P = S·e^(−qT) − K·e^(−rT)', () => {
    const c = bsm(base).price;
    const p = bsm({ ...base, type: 'put' }).price;
    expect(c - p).toBeCloseTo(100 * Math.exp(-0.02 * 0.5) - 95 * Math.exp(-0.05 * 0.5), 12);
  });
  it('greeks match finite differences of the price in their stated units', () => {
    const r = bsm(base);
    const h = 1e-4;
    const p = (over: Partial<BsmInput>) => bsmPrice({ ...base, ...over });
    expect(r.delta).toBeCloseTo((p({ spot: 100 + h }) - p({ spot: 100 - h })) / (2 * h), 7);
    expect(r.gamma).toBeCloseTo((p({ spot: 100 + 0.01 }) - 2 * p({}) + p({ spot: 100 - 0.01 })) / 1e-4, 5);
    // vega per vol point: price change for σ + 0.01, to first order.
    expect(r.vegaPerVolPoint).toBeCloseTo((p({ vol: 0.25 + h }) - p({ vol: 0.25 - h })) / (2 * h) / 100, 8);
    expect(r.rhoPerRatePoint).toBeCloseTo((p({ rate: 0.05 + h }) - p({ rate: 0.05 - h })) / (2 * h) / 100, 8);
    // theta per calendar day: value change as one day of time to expiry passes.
    const dT = 1e-5;
    expect(r.thetaPerDay).toBeCloseTo(-((p({ years: 0.5 + dT }) - p({ years: 0.5 - dT })) / (2 * dT)) / 365, 8);
  });
});

describe('bsm malformed input → all NaN, never throws', () => {
  const good: BsmInput = { type: 'put', spot: 100, strike: 100, years: 0.25, rate: 0.03, dividendYield: 0, vol: 0.2 };
  const bad: [string, Partial<BsmInput> | null][] = [
    ['years 0', { years: 0 }],
    ['years < 0', { years: -0.1 }],
    ['vol 0', { vol: 0 }],
    ['vol < 0', { vol: -0.2 }],
    ['spot NaN', { spot: NaN }],
    ['spot negative', { spot: -5 }],
    ['strike 0', { strike: 0 }],
    ['rate Infinity', { rate: Infinity }],
    ['q NaN', { dividendYield: NaN }],
    ['unknown type', { type: 'straddle' as OptionType }],
  ];
  for (const [name, over] of bad) {
    it(name, () => {
      const input = { ...good, ...over };
      const r = bsm(input);
      for (const v of Object.values(r)) expect(v).toBeNaN();
      expect(bsmPrice(input)).toBeNaN();
    });
  }
  it('null / undefined input', () => {
    expect(bsm(null as unknown as BsmInput).price).toBeNaN();
    expect(bsmPrice(undefined as unknown as BsmInput)).toBeNaN();
  });
  it('extreme but valid inputs stay finite and within no-arbitrage bounds', () => {
    for (const vol of [1e-8, 1e-3, 5, 50]) {
      for (const years of [1e-9, 1 / 365, 30]) {
        for (const strike of [1e-6, 50, 100, 1e6]) {
          const r = bsm({ ...good, type: 'call', vol, years, strike });
          expect(Number.isFinite(r.price)).toBe(true);
          expect(r.price).toBeGreaterThanOrEqual(0);
          expect(r.price).toBeLessThanOrEqual(100 + 1e-9);
        }
      }
    }
  });
});
