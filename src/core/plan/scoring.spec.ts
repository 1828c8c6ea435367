import { compositeScore } from './scoring';

describe('compositeScore ranks on expectancy after costs (hand-computed)', () => {
  const base = { risk_reward: 2, actionability: 0.8, mtf_score: 0.2, confidence: 0.5 };

  it('measured p 0.40 at R:R 2 with costs 0.25 R: E = 0.8 − 0.6 − 0.25 = −0.05 → (0.95) × 0.8 × 1.1 × 0.5 = 0.418', () => {
    const r = compositeScore({ ...base, probability: 0.4, cost_r: 0.25 });
    expect(r.components.expected_r_after_costs).toBeCloseTo(-0.05, 10);
    expect(r.components.mtf_multiplier).toBe(1.1);
    expect(r.composite).toBe(0.418);
  });

  it('the driftless baseline 1/(1+R:R) has no edge before costs: its factor is 1 − cost_r', () => {
    const r = compositeScore({ ...base, probability: 1 / 3, cost_r: 0.1 });
    expect(r.components.expected_r_after_costs).toBeCloseTo(-0.1, 10);
    expect(r.composite).toBe(Number((0.9 * 0.8 * 1.1 * 0.5).toFixed(4)));
  });

  it('same odds and quality: the plan whose costs eat more of its risk ranks lower; costs beyond the edge floor the score at 0', () => {
    const cheap = compositeScore({ ...base, probability: 0.4, cost_r: 0.05 });
    const dear = compositeScore({ ...base, probability: 0.4, cost_r: 0.5 });
    expect(cheap.composite).toBeGreaterThan(dear.composite);
    expect(compositeScore({ ...base, probability: 0.1, cost_r: 1 }).composite).toBe(0);
  });
});
