import { readFixtureJson } from '../../../test/support/fixtures';
import { expiryInstantMs, yearsToExpiry } from './time';

describe('yearsToExpiry (ACT/365, expiry 16:00 America/New_York)', () => {
  it('matches T of the SPY 2023-08-03 market cases in implied_vol_solver_cases.json (calendar time to 16:00 ET / 365)', () => {
    const cases = readFixtureJson<{ cases: { id: string; inputs: { T_years: number } }[] }>('reference', 'implied_vol_solver_cases.json').cases;
    // Quote minutes are EDT (UTC−4) on 2023-08-03; expiry 2023-09-01.
    const at: Record<string, string> = { '10:00': '2023-08-03T14:00:00Z', '12:00': '2023-08-03T16:00:00Z', '15:30': '2023-08-03T19:30:00Z' };
    let checked = 0;
    for (const c of cases.filter((x) => x.id.startsWith('market_spy_'))) {
      const hhmm = c.id.slice(-5);
      expect(yearsToExpiry(Date.parse(at[hhmm]), '2023-09-01')).toBeCloseTo(c.inputs.T_years, 14);
      checked++;
    }
    expect(checked).toBe(12);
  });

  it('expiry instant is 16:00 EDT (20:00Z) in summer and 16:00 EST (21:00Z) in winter', () => {
    expect(expiryInstantMs('2023-09-01')).toBe(Date.parse('2023-09-01T20:00:00Z'));
    expect(expiryInstantMs('2025-12-19')).toBe(Date.parse('2025-12-19T21:00:00Z'));
  });

  it('ends at 13:00 ET on early-close expiration days (the day before Christmas, the day after Thanksgiving)', () => {
    // NYSE published early closes: Thu 2015-12-24 and Fri 2024-11-29 closed at 13:00 ET (EST = UTC−5).
    expect(expiryInstantMs('2015-12-24')).toBe(Date.parse('2015-12-24T18:00:00Z'));
    expect(expiryInstantMs('2024-11-29')).toBe(Date.parse('2024-11-29T18:00:00Z'));
    expect(expiryInstantMs('2024-07-03')).toBe(Date.parse('2024-07-03T17:00:00Z')); // EDT
    // from 09:30 ET that day: 3.5 h to the 13:00 close, not 6.5 h
    expect(yearsToExpiry(Date.parse('2015-12-24T14:30:00Z'), '2015-12-24')).toBeCloseTo(3.5 / 24 / 365, 15);
    // a normal Friday still closes at 16:00
    expect(expiryInstantMs('2015-12-18')).toBe(Date.parse('2015-12-18T21:00:00Z'));
  });

  it('counts real elapsed time across the November DST change (Fri 16:00 EDT → Mon 16:00 EST = 73 h)', () => {
    expect(yearsToExpiry(Date.parse('2025-10-31T20:00:00Z'), '2025-11-03')).toBeCloseTo(73 / 24 / 365, 15);
  });

  it('is ≤ 0 after expiry and NaN for malformed input', () => {
    expect(yearsToExpiry(Date.parse('2023-09-01T20:00:00Z'), '2023-09-01')).toBe(0);
    expect(yearsToExpiry(Date.parse('2023-09-02T00:00:00Z'), '2023-09-01')).toBeLessThan(0);
    expect(yearsToExpiry(NaN, '2023-09-01')).toBeNaN();
    expect(yearsToExpiry(0, '2023-9-1')).toBeNaN();
    expect(yearsToExpiry(0, '2023-02-30')).toBeNaN();
    expect(yearsToExpiry(0, undefined as unknown as string)).toBeNaN();
  });
});
