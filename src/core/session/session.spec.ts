import { fixtureRows } from '../../../test/support/bars';
import { etDate, etMinuteOfDay, etWallToUtc } from './et-time';
import { holidays, isEarlyClose, isTradingDay, nextTradingDay, previousTradingDay } from './nyse-calendar';
import { marketStatus, marketStatusUncached, regularSession, sessionTag } from './session';

describe('US equity session calendar', () => {
  it.each(['lean_spy_1m_2013-10-04_2013-10-11.csv', 'lean_spy_1m_2023-08-03.csv', 'lean_aapl_1m_2014-06-05_2014-06-09.csv', 'lumibot_spy_1m_ext_2021-07-01_2021-08-13.csv'])(
    'tags every bar of %s exactly as the recorded session column',
    (file) => {
      const rows = fixtureRows(file);
      expect(rows.length).toBeGreaterThan(300);
      const mismatches = rows.filter((r) => sessionTag(Number(r.epoch_s) * 1000) !== r.session);
      expect(mismatches.slice(0, 3)).toEqual([]);
    },
  );

  it('handles both DST transitions (EDT −4 h in summer, EST −5 h in winter)', () => {
    // 2024-03-10 spring forward; 2024-11-03 fall back
    expect(etWallToUtc('2024-03-08', 9, 30)).toBe(Date.parse('2024-03-08T14:30:00Z'));
    expect(etWallToUtc('2024-03-11', 9, 30)).toBe(Date.parse('2024-03-11T13:30:00Z'));
    expect(etWallToUtc('2024-11-01', 9, 30)).toBe(Date.parse('2024-11-01T13:30:00Z'));
    expect(etWallToUtc('2024-11-04', 9, 30)).toBe(Date.parse('2024-11-04T14:30:00Z'));
    expect(etMinuteOfDay(Date.parse('2024-03-10T06:59:00Z'))).toBe(1 * 60 + 59); // 01:59 EST
    expect(etMinuteOfDay(Date.parse('2024-03-10T07:00:00Z'))).toBe(3 * 60); // 03:00 EDT
    expect(etDate(Date.parse('2024-11-04T04:30:00Z'))).toBe('2024-11-03');
    // pre-2007 rules: first Sunday of April
    expect(etWallToUtc('2005-04-01', 9, 30)).toBe(Date.parse('2005-04-01T14:30:00Z'));
    expect(etWallToUtc('2005-04-04', 9, 30)).toBe(Date.parse('2005-04-04T13:30:00Z'));
  });

  it('knows the NYSE holidays of 2024 and 2025 (published schedule)', () => {
    expect([...holidays(2024)].sort()).toEqual(['2024-01-01', '2024-01-15', '2024-02-19', '2024-03-29', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-11-28', '2024-12-25']);
    expect([...holidays(2025)].sort()).toEqual([
      '2025-01-01',
      '2025-01-09',
      '2025-01-20',
      '2025-02-17',
      '2025-04-18',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-11-27',
      '2025-12-25',
    ]);
    expect(isTradingDay('2021-12-31')).toBe(true); // New Year 2022 on Saturday is not observed
    expect(isTradingDay('2021-12-24')).toBe(false); // Christmas 2021 on Saturday → Friday
    expect(isTradingDay('2012-10-29')).toBe(false); // Hurricane Sandy
    expect(isTradingDay('2023-08-05')).toBe(false); // Saturday
  });

  it('knows early closes and shortens the regular session to 13:00', () => {
    expect(isEarlyClose('2024-07-03')).toBe(true);
    expect(isEarlyClose('2024-11-29')).toBe(true);
    expect(isEarlyClose('2024-12-24')).toBe(true);
    expect(isEarlyClose('2024-07-05')).toBe(false);
    expect(regularSession('2024-11-29')).toEqual({ open: Date.parse('2024-11-29T14:30:00Z'), close: Date.parse('2024-11-29T18:00:00Z') });
    expect(sessionTag(Date.parse('2024-11-29T18:30:00Z'))).toBe('post');
    expect(regularSession('2024-11-28')).toBeNull();
  });

  it('walks trading days across weekends and holidays', () => {
    expect(previousTradingDay('2024-07-05')).toBe('2024-07-03');
    expect(nextTradingDay('2024-12-24')).toBe('2024-12-26');
    expect(nextTradingDay('2025-01-08')).toBe('2025-01-10');
  });

  it('reports market status with the next open and close', () => {
    const sat = marketStatus(Date.parse('2023-08-05T15:00:00Z'));
    expect(sat).toMatchObject({ status: 'closed', next_open: Date.parse('2023-08-07T13:30:00Z'), next_close: null });
    const open = marketStatus(Date.parse('2023-08-03T15:00:00Z'));
    expect(open).toMatchObject({ status: 'open', next_close: Date.parse('2023-08-03T20:00:00Z'), next_open: Date.parse('2023-08-04T13:30:00Z') });
    expect(marketStatus(Date.parse('2023-08-03T12:00:00Z'))).toMatchObject({ status: 'pre', next_open: Date.parse('2023-08-03T13:30:00Z') });
  });

  it('treats garbage instants as closed rather than throwing', () => {
    expect(sessionTag(NaN)).toBe('closed');
  });
});

describe('marketStatus per-minute memo', () => {
  it('answers within any minute what the uncached function answers at that very millisecond (boundaries, DST, half days)', () => {
    const minutes: number[] = [];
    // every minute around the session boundaries of a DST-change day, a half day and a normal day…
    for (const day of ['2024-03-10', '2024-03-11', '2024-11-03', '2024-11-04', '2024-11-29', '2026-11-20', '2026-11-21']) {
      const midnight = Date.parse(`${day}T00:00:00Z`);
      for (let m = 0; m < 36 * 60; m += 1) if (m % 15 === 0 || [8, 9, 13, 14, 16, 17, 20, 21, 1, 4, 5].includes(Math.floor(m / 60))) minutes.push(midnight + m * 60_000);
    }
    // …and random minutes over three years
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let k = 0; k < 3000; k++) minutes.push(Date.parse('2024-01-01T00:00:00Z') + Math.floor(rnd() * 3 * 365 * 1440) * 60_000);
    let compared = 0;
    for (const m of minutes) {
      for (const off of [0, 1, 30_000, 59_999]) {
        expect(marketStatus(m + off)).toEqual(marketStatusUncached(m + off));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20_000);
    // a returned object is the caller's own
    const a = marketStatus(minutes[0]);
    a.status = 'closed';
    a.date = 'x';
    expect(marketStatus(minutes[0])).toEqual(marketStatusUncached(minutes[0]));
  });
});
