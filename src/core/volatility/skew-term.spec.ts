import type { OptionContract } from '../../providers/provider.types';
import { etWallToUtc } from '../session/et-time';
import { yearsToExpiry } from '../options/time';
import { skewAndTerm } from './skew-term';
import { ivSessionDay } from './iv-session-day';

const NOW = Date.parse('2024-06-03T14:00:00Z'); // Mon 10:00 EDT

function c(expiration: string, type: 'call' | 'put', strike: number, iv: number, delta: number): OptionContract {
  return { symbol: `X${expiration}${type}${strike}`, underlying: 'X', expiration, type, strike, bid: null, ask: null, volume: null, open_interest: null, iv, delta };
}

/** One expiration: ATM strike 100 at `atm`, call wings at Δ .30/.20, put wings at Δ −.30/−.20. */
function expiry(exp: string, atm: number, call30: number, call20: number, put30: number, put20: number): OptionContract[] {
  return [
    c(exp, 'call', 100, atm, 0.52),
    c(exp, 'put', 100, atm, -0.48),
    c(exp, 'call', 105, call30, 0.3),
    c(exp, 'call', 110, call20, 0.2),
    c(exp, 'put', 95, put30, -0.3),
    c(exp, 'put', 90, put20, -0.2),
    c(exp, 'call', 95, 0.5, 0.7), // in the money: ignored for the wings
    c(exp, 'put', 105, 0.5, -0.7),
  ];
}

describe('skewAndTerm', () => {
  const chain = [...expiry('2024-06-21', 0.2, 0.19, 0.21, 0.23, 0.27), ...expiry('2024-07-19', 0.22, 0.2, 0.24, 0.26, 0.3), ...expiry('2024-09-20', 0.25, 0.24, 0.26, 0.28, 0.3)];
  const r = skewAndTerm(chain, 100, NOW);

  it('25Δ wings per expiration: linear in delta between the bracketing OTM contracts', () => {
    expect(r.wings.map((w) => [w.expiration, w.call25Iv, w.put25Iv])).toEqual([
      ['2024-06-21', expect.closeTo(0.2, 12), expect.closeTo(0.25, 12)],
      ['2024-07-19', expect.closeTo(0.22, 12), expect.closeTo(0.28, 12)],
      ['2024-09-20', expect.closeTo(0.25, 12), expect.closeTo(0.29, 12)],
    ]);
  });

  it('RR25 and BF25 at 30 days from wings interpolated in total variance (hand-computed)', () => {
    const t1 = yearsToExpiry(NOW, '2024-06-21');
    const t2 = yearsToExpiry(NOW, '2024-07-19');
    const t = 30 / 365;
    const vi = (a: number, b: number) => Math.sqrt((a * a * t1 + ((b * b * t2 - a * a * t1) * (t - t1)) / (t2 - t1)) / t);
    const call = vi(0.2, 0.22);
    const put = vi(0.25, 0.28);
    const atm = vi(0.2, 0.22);
    expect(r.method).toBe('interpolated');
    expect(r.expirationsUsed).toEqual(['2024-06-21', '2024-07-19']);
    expect(r.rr25).toBeCloseTo(call - put, 12);
    expect(r.bf25).toBeCloseTo((call + put) / 2 - atm, 12);
    expect(r.rr25).toBeLessThan(0); // put skew
  });

  it('term curve: ATM per expiration and the least-squares slope per 30 days', () => {
    expect(r.term.map((x) => [x.expiration, x.atmIv])).toEqual([
      ['2024-06-21', 0.2],
      ['2024-07-19', 0.22],
      ['2024-09-20', 0.25],
    ]);
    const xs = r.term.map((x) => x.days);
    const ys = [0.2, 0.22, 0.25];
    const mx = (xs[0] + xs[1] + xs[2]) / 3;
    const my = (ys[0] + ys[1] + ys[2]) / 3;
    const slope = ((xs[0] - mx) * (ys[0] - my) + (xs[1] - mx) * (ys[1] - my) + (xs[2] - mx) * (ys[2] - my)) / ((xs[0] - mx) ** 2 + (xs[1] - mx) ** 2 + (xs[2] - mx) ** 2);
    expect(r.termSlopePer30d).toBeCloseTo(slope * 30, 12);
    expect(r.termSlopePer30d).toBeGreaterThan(0);
  });

  it('no wings when the deltas do not bracket ±0.25; empty chain → NaN, no throw', () => {
    const flat = skewAndTerm([c('2024-07-19', 'call', 100, 0.2, 0.5), c('2024-07-19', 'put', 100, 0.2, -0.5)], 100, NOW);
    expect(flat.wings).toEqual([]);
    expect(flat.rr25).toBeNaN();
    expect(flat.term).toHaveLength(1);
    expect(flat.termSlopePer30d).toBeNaN();
    expect(skewAndTerm([], 100, NOW).method).toBe('none');
  });
});

describe('ivSessionDay', () => {
  it.each([
    ['during the session', etWallToUtc('2024-06-03', 11, 0), { day: '2024-06-03', atClose: false }],
    ['after the close', etWallToUtc('2024-06-03', 16, 30), { day: '2024-06-03', atClose: true }],
    ['before the open', etWallToUtc('2024-06-04', 8, 0), { day: '2024-06-03', atClose: true }],
    ['on a Saturday', etWallToUtc('2024-06-08', 12, 0), { day: '2024-06-07', atClose: true }],
    ['after an early close (Dec 24)', etWallToUtc('2024-12-24', 13, 30), { day: '2024-12-24', atClose: true }],
  ])('%s', (_n, t, want) => expect(ivSessionDay(t)).toEqual(want));
});
