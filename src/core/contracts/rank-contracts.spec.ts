import { bsmPrice } from '../options/bsm';
import { yearsToExpiry } from '../options/time';
import type { OptionContract } from '../../providers/provider.types';
import { ALTERNATIVES_COUNT, BEST_COUNT, DEFAULT_RISK_AMOUNT, rankContracts } from './rank-contracts';
import { DEFAULT_RATE } from './contract-row';

const NOW = Date.parse('2024-03-01T15:00:00Z');
const SPOT = 100;

/** A liquid synthetic chain: BSM-priced calls and puts, 1 % wide quotes, σ 25 %. */
function chain(): OptionContract[] {
  const out: OptionContract[] = [];
  for (const exp of ['2024-03-04', '2024-03-08']) {
    const years = yearsToExpiry(NOW, exp);
    for (let k = 90; k <= 110; k += 1) {
      for (const type of ['call', 'put'] as const) {
        const p = bsmPrice({ type, spot: SPOT, strike: k, years, rate: DEFAULT_RATE, dividendYield: 0, vol: 0.25 });
        if (p < 0.05) continue;
        out.push({ symbol: `X${exp}${type}${k}`, underlying: 'X', expiration: exp, type, strike: k, bid: p * 0.995, ask: p * 1.005, volume: 1000, open_interest: 5000 });
      }
    }
  }
  return out;
}

describe('rankContracts', () => {
  const base = { contracts: chain(), symbol: 'X', side: 'call' as const, style: 'intraday' as const, spot: SPOT, nowMs: NOW, marketOpen: true, overrides: { min_delta: 0.2, max_delta: 0.8 } };

  it('splits best (3) and alternatives (7), sorted by tradeability, with the default $100 budget', () => {
    const r = rankContracts(base);
    expect(r.best).toHaveLength(BEST_COUNT);
    expect(r.alternatives).toHaveLength(ALTERNATIVES_COUNT);
    const scores = [...r.best, ...r.alternatives].map((c) => c.tradeability);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(r.best.every((c) => c.sizing?.risk_amount === DEFAULT_RISK_AMOUNT && c.type === 'CALL')).toBe(true);
    expect(r.relaxed_filters).toBe(false);
  });

  it('a long option never loses more than its premium at the stop (from an entry at spot)', () => {
    const r = rankContracts({ ...base, plan: { entry: SPOT, stop: 80, targets: [103], horizonDays: 1 } });
    for (const c of [...r.best, ...r.alternatives]) {
      expect(c.pnl.at_stop!).toBeGreaterThanOrEqual(-c.pnl.per_contract_cost - 0.01);
      expect(c.pnl.at_tp1!).toBeGreaterThan(0);
    }
  });

  it('ignores a plan entry far from the underlying and says so', () => {
    const r = rankContracts({ ...base, plan: { entry: 500, stop: 495, targets: [510] } });
    const s = r.best[0].scenario!;
    expect(s.entry).toBe(SPOT);
    expect(s.note).toMatch(/more than 25 %/);
    const near = rankContracts({ ...base, plan: { entry: 101, stop: 99, targets: [104] } });
    expect(near.best[0].scenario!.entry).toBe(101);
    expect(near.best[0].scenario!.note).toBeNull();
  });

  it('empty or malformed input gives an empty, typed result', () => {
    const r = rankContracts({ ...base, contracts: [] });
    expect(r).toMatchObject({ best: [], alternatives: [], table: [], rejections: [], screened: 0, passed: 0 });
    const bad = rankContracts({ ...base, contracts: [{ symbol: 'Z', underlying: 'X', expiration: 'never', type: 'call', strike: NaN, bid: null, ask: null, volume: null, open_interest: null }] });
    expect(bad.best).toEqual([]);
    expect(bad.rejections.map((x) => x.reason)).toEqual(['NO_MARKET_DATA']);
  });

  it('picksOnly: the same best picks, filters, relaxation and non-side rejections, without alternatives, table or the other side', () => {
    // strict enough to relax and to reject for several reasons, on both sides
    const chainWithGaps = base.contracts.map((c, k) => (k % 5 === 0 ? { ...c, open_interest: 10 } : k % 7 === 0 ? { ...c, bid: null } : c));
    for (const side of ['call', 'put'] as const) {
      for (const overrides of [base.overrides, { min_delta: 0.45, max_delta: 0.46, min_oi: 100 }, { min_delta: 0.99, max_delta: 1 }]) {
        const inp = { ...base, contracts: chainWithGaps, side, overrides, plan: { entry: SPOT, stop: 98, targets: [103], horizonDays: 1 } };
        const full = rankContracts(inp);
        const picks = rankContracts({ ...inp, picksOnly: true });
        expect(picks.best).toEqual(full.best);
        expect(picks.filters).toEqual(full.filters);
        expect([picks.relaxed_filters, picks.relaxation_reasons]).toEqual([full.relaxed_filters, full.relaxation_reasons]);
        expect(picks.rejections).toEqual(full.rejections.filter((r) => r.reason !== 'SIDE_MISMATCH'));
        expect(full.rejections.some((r) => r.reason === 'SIDE_MISMATCH')).toBe(true);
        expect(picks.passed).toBe(full.passed);
        expect(picks.screened).toBe(chainWithGaps.filter((c) => c.type === side).length);
        expect([picks.alternatives, picks.table]).toEqual([[], []]);
      }
    }
  });
});
