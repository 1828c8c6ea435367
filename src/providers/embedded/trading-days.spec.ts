import { addDays } from '../../core/session/et-time';
import { isTradingDay } from '../../core/session/nyse-calendar';
import { tradingDaysBetween } from './synthetic-path';

/** The definition: every calendar day from→to that the NYSE calendar calls a trading day. */
function stepping(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isTradingDay(d)) out.push(d);
  return out;
}

describe('tradingDaysBetween', () => {
  it('equals stepping through the calendar day by day, on ranges across 1999–2037 and their edges', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const day = (lo: number, hi: number) => addDays('1999-06-01', Math.floor(lo + rnd() * (hi - lo)));
    const cases: Array<[string, string]> = [
      ['2024-06-15', '2024-06-16'], // a weekend: none
      ['2024-06-19', '2024-06-19'], // Juneteenth: none
      ['2024-06-18', '2024-06-18'], // one day
      ['1999-12-20', '2000-01-10'], // across the calendar's first day
      ['2036-12-20', '2037-01-10'], // across its last
      ['2024-01-10', '2024-01-01'], // reversed: none
    ];
    for (let i = 0; i < 300; i++) {
      const a = day(0, 14_000);
      cases.push([a, addDays(a, Math.floor(rnd() * 1200))]);
    }
    for (const [a, b] of cases) expect([a, b, tradingDaysBetween(a, b)]).toEqual([a, b, stepping(a, b)]);
  });
});
