import { sizePosition } from './contract-sizing';

describe('sizePosition', () => {
  it('sizes by the stop loss when the stop scenario loses less than the premium', () => {
    // $100 budget, $250 premium, −$40 at the stop → floor(100/40) = 2 contracts, $80 at risk.
    const s = sizePosition({ riskAmount: 100, costPerContract: 250, pnlAtStop: -40, pnlAtTargets: [60, 120] })!;
    expect(s).toMatchObject({ risk_basis: 'stop_scenario', risk_per_contract: 40, contracts: 2, total_cost: 500, max_loss_est: 80, max_profit_est: 240, rr_to_tp1: 1.5, note: null });
  });

  it('sizes by the premium without a stop, and caps the stop loss at the premium', () => {
    expect(sizePosition({ riskAmount: 100, costPerContract: 30 })).toMatchObject({ risk_basis: 'premium', contracts: 3, max_loss_est: 90, max_profit_est: null, rr_to_tp1: null });
    expect(sizePosition({ riskAmount: 100, costPerContract: 30, pnlAtStop: -45 })).toMatchObject({ risk_per_contract: 30, contracts: 3 });
  });

  it('reports 0 contracts with a note instead of exceeding the budget', () => {
    const s = sizePosition({ riskAmount: 100, costPerContract: 500, pnlAtStop: -150 })!;
    expect(s.contracts).toBe(0);
    expect(s.note).toBe('one contract risks $150, more than risk_amount $100');
  });

  it('returns null for a non-positive budget or price', () => {
    expect(sizePosition({ riskAmount: 0, costPerContract: 10 })).toBeNull();
    expect(sizePosition({ riskAmount: -5, costPerContract: 10 })).toBeNull();
    expect(sizePosition({ riskAmount: 100, costPerContract: NaN })).toBeNull();
  });
});
