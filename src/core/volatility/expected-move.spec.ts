import { expectedMove } from './expected-move';

describe('expectedMove', () => {
  it('one year of calendar days (365) or trading days (252) is spot × σ', () => {
    expect(expectedMove(100, 0.2, 365).move).toBeCloseTo(20, 12);
    expect(expectedMove(100, 0.2, 252, 'trading').move).toBeCloseTo(20, 12);
  });

  it('scales with √(days/365) and gives a symmetric band', () => {
    // 450 × 0.16 × √(30/365) = 20.641…
    const em = expectedMove(450, 0.16, 30);
    expect(em.move).toBeCloseTo(450 * 0.16 * Math.sqrt(30 / 365), 12);
    expect(em.upper).toBeCloseTo(450 + em.move, 12);
    expect(em.lower).toBeCloseTo(450 - em.move, 12);
    // one trading day at 16 % on 450: 450 × 0.16 / √252 ≈ 4.5356
    expect(expectedMove(450, 0.16, 1, 'trading').move).toBeCloseTo(4.5356, 4);
  });

  it.each<[number, number, number, string]>([
    [0, 0.2, 30, 'calendar'],
    [-5, 0.2, 30, 'calendar'],
    [100, -0.2, 30, 'calendar'],
    [100, NaN, 30, 'calendar'],
    [100, 0.2, 0, 'calendar'],
    [100, 0.2, Infinity, 'calendar'],
    [100, 0.2, 30, 'weekly'],
  ])('malformed (%p, %p, %p, %p) → NaN', (s, iv, d, basis) => {
    expect(expectedMove(s, iv, d, basis as 'calendar').move).toBeNaN();
  });
});
