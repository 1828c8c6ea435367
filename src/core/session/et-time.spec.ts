import { etDate, etDayNumber, etMinuteOfDay } from './et-time';

/** The independent reference: the platform's IANA time-zone database through Intl. */
const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function reference(utcMs: number): { date: string; minute: number } {
  const parts = Object.fromEntries(intl.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

describe('ET calendar date of an instant', () => {
  it('agrees with the IANA database on 20,000 instants from 1990 to 2040, DST transitions included', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const from = Date.UTC(1990, 0, 1);
    const to = Date.UTC(2040, 0, 1);
    const instants = Array.from({ length: 20_000 }, () => Math.floor((from + rnd() * (to - from)) / 60_000) * 60_000);
    // around the 2024 transitions (02:00 local): every minute of the 3 hours either side
    for (const t of [Date.parse('2024-03-10T07:00:00Z'), Date.parse('2024-11-03T06:00:00Z')]) for (let m = -180; m <= 180; m++) instants.push(t + m * 60_000);
    for (const t of instants) {
      const ref = reference(t);
      expect([t, etDate(t)]).toEqual([t, ref.date]);
      expect([t, etMinuteOfDay(t)]).toEqual([t, ref.minute]);
    }
  });

  it('gives the same string for every instant of one ET day and the next date after midnight ET', () => {
    const start = Date.parse('2025-07-04T04:00:00Z'); // 00:00 EDT
    expect(etDate(start - 1)).toBe('2025-07-03');
    expect(etDate(start)).toBe('2025-07-04');
    expect(etDate(start + 86_400_000 - 1)).toBe('2025-07-04');
    expect(etDayNumber(start)).toBe(etDayNumber(start + 86_400_000 - 1));
  });

  it('handles instants before 1970 and rejects an invalid time as before', () => {
    expect(etDate(Date.parse('1969-12-31T12:00:00Z'))).toBe('1969-12-31');
    expect(() => etDate(NaN)).toThrow(RangeError);
  });
});
