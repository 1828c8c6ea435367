import type { OptionContract } from '../../providers/provider.types';
import { readFixtureJson, readFixtureText } from '../../../test/support/fixtures';
import { bsmPrice } from '../options/bsm';
import { yearsToExpiry } from '../options/time';
import { atmIv } from './atm-iv';

function contract(expiration: string, type: 'call' | 'put', strike: number, over: Partial<OptionContract> = {}): OptionContract {
  return { symbol: `X${expiration}${type}${strike}`, underlying: 'X', expiration, type, strike, bid: null, ask: null, volume: null, open_interest: null, ...over };
}

const NOW = Date.parse('2024-06-03T14:00:00Z'); // Mon 10:00 EDT

/** A chain priced by BSM with one σ per expiration; quotes = price ± 1 cent. */
function syntheticChain(spot: number, volByExp: Record<string, number>, rate: number): OptionContract[] {
  const out: OptionContract[] = [];
  for (const [exp, vol] of Object.entries(volByExp)) {
    const years = yearsToExpiry(NOW, exp);
    for (const strike of [90, 95, 100, 105, 110]) {
      for (const type of ['call', 'put'] as const) {
        const p = bsmPrice({ type, spot, strike, years, rate, dividendYield: 0, vol });
        out.push(contract(exp, type, strike, { bid: p - 0.01, ask: p + 0.01 }));
      }
    }
  }
  return out;
}

describe('atmIv', () => {
  it('recovers each expiration’s σ from mids and interpolates 30 days in total variance', () => {
    const vols = { '2024-06-14': 0.3, '2024-07-19': 0.2, '2024-09-20': 0.25 };
    const res = atmIv(syntheticChain(101.3, vols, 0.05), 101.3, NOW, 30, { rate: 0.05 });
    expect(res.perExpiration.map((p) => p.expiration)).toEqual(['2024-06-14', '2024-07-19', '2024-09-20']);
    for (const p of res.perExpiration) {
      expect(p.ivSource).toBe('solved');
      expect([p.strikeBelow, p.strikeAbove]).toEqual([100, 105]);
      // ±1 cent quotes are symmetric around the BSM price, so the mid is exact.
      expect(p.atmIv).toBeCloseTo(vols[p.expiration as keyof typeof vols], 8);
    }
    expect(res.method).toBe('interpolated');
    expect(res.expirationsUsed).toEqual(['2024-06-14', '2024-07-19']);
    const t1 = yearsToExpiry(NOW, '2024-06-14');
    const t2 = yearsToExpiry(NOW, '2024-07-19');
    const t = 30 / 365;
    const w = 0.09 * t1 + ((0.04 * t2 - 0.09 * t1) * (t - t1)) / (t2 - t1);
    expect(res.constantMaturityIv).toBeCloseTo(Math.sqrt(w / t), 8);
  });

  it('uses vendor IV when present, interpolates in strike and averages call/put', () => {
    const exp = '2024-07-03';
    const chain = [contract(exp, 'call', 100, { iv: 0.2 }), contract(exp, 'put', 100, { iv: 0.22 }), contract(exp, 'call', 110, { iv: 0.3 }), contract(exp, 'put', 110, { iv: 0.26 })];
    const res = atmIv(chain, 102.5, NOW);
    // strike 100: 0.21, strike 110: 0.28; spot 102.5 is 1/4 of the way → 0.2275
    expect(res.perExpiration[0].atmIv).toBeCloseTo(0.2275, 12);
    expect(res.perExpiration[0].ivSource).toBe('vendor');
    expect(res.method).toBe('extrapolated_flat'); // the only expiration is 30 days out minus hours
  });

  it('PLTR Tradier chain (one expiration, ORATS mid_iv): ATM between strikes 25 and 27', () => {
    const rows = readFixtureJson<{
      options: { option: { symbol: string; expiration_date: string; option_type: 'call' | 'put'; strike: number; bid: number; ask: number; greeks: { mid_iv: number } }[] };
    }>('providers', 'tradier', 'v1_markets_options_chains_PLTR_2026-06-18_greeks_2024-06-28.json').options.option;
    const chain = rows.map((o) => contract(o.expiration_date, o.option_type, o.strike, { symbol: o.symbol, bid: o.bid, ask: o.ask, iv: o.greeks.mid_iv }));
    const spot = 25.495; // PLTR bid/ask 25.49/25.50 in the same cassette
    const res = atmIv(chain, spot, Date.parse('2024-06-28T16:06:00Z'));
    const iv = (t: string, k: number) => rows.find((o) => o.option_type === t && o.strike === k)!.greeks.mid_iv;
    const at25 = (iv('call', 25) + iv('put', 25)) / 2;
    const at27 = (iv('call', 27) + iv('put', 27)) / 2;
    expect(res.perExpiration).toHaveLength(1);
    expect(res.perExpiration[0].atmIv).toBeCloseTo(at25 + ((at27 - at25) * (spot - 25)) / 2, 12);
    expect(res.expirationsUsed).toEqual(['2026-06-18']);
    expect(res.method).toBe('extrapolated_flat');
  });

  it('TWX LEAN chain (bid/ask only, 5 expirations): solves mids, brackets 30 days with Jun/Jul 2014', () => {
    const lines = readFixtureText('options', 'lean_twx_chain_snapshots_2014-06-05.csv').trim().split('\n');
    const h = lines[0].split(',');
    const col = (name: string) => h.indexOf(name);
    const rows = lines
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[col('snapshot_time')] === '2014-06-05T15:59:00-04:00');
    const num = (s: string) => (s === '' ? null : Number(s));
    const chain = rows.map((c) => contract(c[col('expiration')], c[col('right')] as 'call' | 'put', Number(c[col('strike')]), { bid: num(c[col('bid')]), ask: num(c[col('ask')]) }));
    const spot = (Number(rows[0][col('underlying_bid')]) + Number(rows[0][col('underlying_ask')])) / 2;
    const res = atmIv(chain, spot, Date.parse('2014-06-05T19:59:00Z'), 30, { rate: 0.0005, dividendYield: 0.018 });
    expect(res.method).toBe('interpolated');
    expect(res.expirationsUsed).toEqual(['2014-06-21', '2014-07-19']);
    // No published IV for this chain: sanity band for a large-cap stock in June 2014.
    for (const p of res.perExpiration) {
      expect(p.atmIv).toBeGreaterThan(0.08);
      expect(p.atmIv).toBeLessThan(0.5);
    }
    const [a, b] = res.perExpiration;
    const lo = Math.min(a.atmIv, b.atmIv) - 1e-12;
    const hi = Math.max(a.atmIv, b.atmIv) + 1e-12;
    expect(res.constantMaturityIv).toBeGreaterThanOrEqual(lo * Math.sqrt(Math.min(a.years, b.years) / (30 / 365)) - 1e-12);
    expect(res.constantMaturityIv).toBeLessThanOrEqual(hi * Math.sqrt(Math.max(a.years, b.years) / (30 / 365)));
  });

  it('skips expired expirations, zero-bid quotes and expirations that do not straddle spot', () => {
    const chain = [
      contract('2024-05-31', 'call', 100, { iv: 0.5 }), // expired
      contract('2024-06-21', 'call', 100, { bid: 0, ask: 1 }),
      contract('2024-06-21', 'call', 105, { bid: 0, ask: 1 }),
      contract('2024-07-19', 'call', 90, { iv: 0.2 }),
      contract('2024-07-19', 'call', 95, { iv: 0.2 }), // all strikes below spot
    ];
    const res = atmIv(chain, 101, NOW);
    expect(res).toEqual({ targetDays: 30, constantMaturityIv: NaN, method: 'none', expirationsUsed: [], perExpiration: [] });
  });

  it.each<[string, unknown[], number, number]>([
    ['empty chain', [], 100, NOW],
    ['non-array', null as unknown as unknown[], 100, NOW],
    ['bad spot', [contract('2024-07-19', 'call', 100, { iv: 0.2 })], NaN, NOW],
    ['bad now', [contract('2024-07-19', 'call', 100, { iv: 0.2 })], 100, NaN],
    ['junk rows', [null, {}, { expiration: 5 }], 100, NOW],
  ])('%s → method none, no throw', (_n, chain, spot, now) => {
    const r = atmIv(chain as OptionContract[], spot, now);
    expect(r.method).toBe('none');
    expect(r.constantMaturityIv).toBeNaN();
  });
});
