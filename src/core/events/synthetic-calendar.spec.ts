import { nthWeekday, syntheticEarnings, syntheticMacroEvents } from './synthetic-calendar';

describe('synthetic event calendar', () => {
  it('k-th weekday of a month (checked against a printed 2026 calendar)', () => {
    expect(nthWeekday(2026, 12, 5, 1)).toBe('2026-12-04'); // first Friday of Dec 2026
    expect(nthWeekday(2026, 12, 3, 2)).toBe('2026-12-09'); // second Wednesday
    expect(nthWeekday(2026, 12, 3, 3)).toBe('2026-12-16'); // third Wednesday
    expect(nthWeekday(2026, 1, 5, 1)).toBe('2026-01-02');
  });

  it('December 2026: NFP 12-04 08:30 ET, CPI 12-09 08:30 ET, FOMC 12-16 14:00 ET (EST = UTC−5)', () => {
    const ev = syntheticMacroEvents(Date.parse('2026-12-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z'));
    expect(ev.map((e) => [e.event, e.time])).toEqual([
      ['Non Farm Payrolls', '2026-12-04T13:30:00.000Z'],
      ['CPI YoY', '2026-12-09T13:30:00.000Z'],
      ['FOMC Interest Rate Decision', '2026-12-16T19:00:00.000Z'],
    ]);
    expect(ev.every((e) => e.importance === 'high' && e.consensus === null)).toBe(true);
  });

  it('moves a release off a holiday: first Friday of April 2026 is Good Friday (04-03) → Monday 04-06', () => {
    const ev = syntheticMacroEvents(Date.parse('2026-04-01T00:00:00Z'), Date.parse('2026-04-08T00:00:00Z'));
    expect(ev.map((e) => e.time)).toEqual(['2026-04-06T12:30:00.000Z']); // EDT = UTC−4
  });

  it('half-open range: an event exactly at `to` is excluded', () => {
    const at = Date.parse('2026-12-09T13:30:00.000Z');
    expect(syntheticMacroEvents(at, at + 1).map((e) => e.event)).toEqual(['CPI YoY']);
    expect(syntheticMacroEvents(at - 1, at)).toEqual([]);
  });

  it('earnings: four per year per stock, deterministic, on trading days', () => {
    const a = syntheticEarnings('AAPL', '2026-01-01', '2026-12-31');
    expect(a).toHaveLength(4);
    expect(syntheticEarnings('aapl', '2026-01-01', '2026-12-31')).toEqual(a);
    expect(new Set(a.map((e) => e.date.slice(5, 7)))).toEqual(new Set(['01', '04', '07', '10']));
  });
});
