import { wilsonInterval } from './wilson';

// z = 1.959963984540054, z² = 3.841458820694125 throughout (95 %).
const Z2 = 3.841458820694125;

describe('wilsonInterval', () => {
  it('n = 0 gives null (no evidence, not a rate of 0)', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('0/10: lower bound 0, upper bound z²/(n+z²) = 3.8414588/13.8414588 = 0.2775328', () => {
    // With p = 0: centre = z²/(2(n+z²)) and half = z²/(2(n+z²)), so hi = z²/(n+z²).
    const w = wilsonInterval(0, 10)!;
    expect(w.lo).toBe(0);
    expect(w.hi).toBeCloseTo(0.2775328, 7);
    expect(w.hi).toBeCloseTo(Z2 / (10 + Z2), 12);
    expect(w.p).toBe(0);
  });

  it('5/10: centre 0.5, half = 1.4160097 × √0.0346036 = 0.2634069', () => {
    // denom = 1 + z²/10 = 1.38414588; z/denom = 1.41600969;
    // p(1−p)/n + z²/(4n²) = 0.025 + 3.8414588/400 = 0.03460365; √ = 0.18602056
    // half = 1.41600969 × 0.18602056 = 0.26340691 → [0.23659309, 0.76340691]
    const w = wilsonInterval(5, 10)!;
    expect(w.centre).toBeCloseTo(0.5, 12);
    expect(w.lo).toBeCloseTo(0.2365931, 7);
    expect(w.hi).toBeCloseTo(0.7634069, 7);
  });

  it('10/10: upper bound 1, lower bound n/(n+z²) = 10/13.8414588 = 0.7224672', () => {
    const w = wilsonInterval(10, 10)!;
    expect(w.hi).toBe(1);
    expect(w.lo).toBeCloseTo(0.7224672, 7);
  });

  it('27/100: centre 0.2892073/1.0384146 = 0.2785085, half 1.8874581 × 0.0454647 = 0.0858127', () => {
    // centre = (0.27 + z²/200) / (1 + z²/100) = 0.28920729 / 1.03841459 = 0.27850850
    // half = z/1.03841459 × √(0.27·0.73/100 + z²/40000) = 1.88745806 × √0.00206704 = 1.88745806 × 0.04546467
    //      = 0.08581266 → [0.19269584, 0.36432117]
    const w = wilsonInterval(27, 100)!;
    expect(w.centre).toBeCloseTo(0.2785085, 7);
    expect(w.lo).toBeCloseTo(0.1926958, 7);
    expect(w.hi).toBeCloseTo(0.3643212, 7);
  });

  it('1/1: lower bound 1/(1+z²) = 1/4.8414588 = 0.2065493, upper bound 1', () => {
    // centre = (1 + z²/2)/(1 + z²) = 2.9207294/4.8414588 = 0.6032747; half = z²/(2(1+z²)) = 0.3967253
    const w = wilsonInterval(1, 1)!;
    expect(w.lo).toBeCloseTo(0.2065493, 7);
    expect(w.hi).toBe(1);
    expect(w.centre).toBeCloseTo(0.6032747, 7);
  });

  it('reproduces the published Wilson intervals of Newcombe (1998), Table I, method 3', () => {
    // Newcombe RG, Stat Med 17:857–872 (1998): 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605;
    // 0/20 → 0.0000–0.1611; 1/29 → 0.0061–0.1718 (4 decimals as printed).
    const cases: Array<[number, number, number, number]> = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0.0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of cases) {
      const w = wilsonInterval(k, n)!;
      expect(Math.abs(w.lo - lo)).toBeLessThan(0.00005);
      expect(Math.abs(w.hi - hi)).toBeLessThan(0.00005);
    }
  });

  it('accepts any z: 5/10 at z = 1 is 0.5 ± √0.0275/1.1 = [0.3492443, 0.6507557]', () => {
    // denom = 1 + 1/10 = 1.1; √(0.025 + 1/400) = √0.0275 = 0.16583124; half = 0.15075567
    const w = wilsonInterval(5, 10, 1)!;
    expect(w.lo).toBeCloseTo(0.3492443, 7);
    expect(w.hi).toBeCloseTo(0.6507557, 7);
    expect(w.z).toBe(1);
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(Number.NaN, 10)).toThrow(RangeError);
  });
});
