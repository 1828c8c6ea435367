import { DAY_FRAGMENT, isCalendarDay } from './calendar-day';

describe('isCalendarDay', () => {
  it('accepts days that exist, including 29 February of leap years (2000 yes, 1900 no)', () => {
    for (const d of ['2026-01-31', '2024-02-29', '2000-02-29', '2026-12-01T10:00Z', '2026-04-30']) expect(isCalendarDay(d)).toBe(true);
  });
  it('refuses days Date.parse would roll over', () => {
    expect(Number.isFinite(Date.parse('2026-02-30'))).toBe(true); // why the check exists
    for (const d of ['2026-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', 'x2026-01-01']) expect(isCalendarDay(d)).toBe(false);
  });
  it('has a pattern fragment bounding month and day', () => {
    const re = new RegExp(`^${DAY_FRAGMENT}$`);
    expect(['2026-12-31', '0001-01-01'].map((s) => re.test(s))).toEqual([true, true]);
    expect(['2026-12-32', '2026-13-01', '7670-09-54', '2026-1-01'].map((s) => re.test(s))).toEqual([false, false, false, false]);
  });
});
