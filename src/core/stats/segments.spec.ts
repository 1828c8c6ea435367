import { etWallToUtc } from '../session/et-time';
import type { OutcomeRow } from './outcome.types';
import { segmentValue, timeOfDayBucket, tp1AtrBucket } from './segments';

describe('segments', () => {
  it('time-of-day buckets follow ET wall clock (EDT in August, EST in January)', () => {
    const at = (h: number, m: number, ymd = '2023-08-03') => timeOfDayBucket(etWallToUtc(ymd, h, m));
    expect(at(9, 29)).toBe('extended');
    expect(at(9, 30)).toBe('open');
    expect(at(9, 59)).toBe('open');
    expect(at(10, 0)).toBe('morning');
    expect(at(11, 29)).toBe('morning');
    expect(at(11, 30)).toBe('midday');
    expect(at(13, 59)).toBe('midday');
    expect(at(14, 0)).toBe('afternoon');
    expect(at(15, 0)).toBe('power_hour');
    expect(at(15, 59)).toBe('power_hour');
    expect(at(16, 0)).toBe('extended');
    // 2024-01-10 14:30 UTC = 09:30 EST; 13:30 UTC = 08:30 EST
    expect(timeOfDayBucket(Date.parse('2024-01-10T14:30:00Z'))).toBe('open');
    expect(timeOfDayBucket(Date.parse('2024-01-10T13:30:00Z'))).toBe('extended');
    expect(timeOfDayBucket(Date.parse('2024-01-10T13:30:00Z'), true)).toBe('session');
  });

  it('TP1 distance buckets are half-open on the default edges 0.5, 1, 2, 3', () => {
    expect(tp1AtrBucket(0)).toBe('[0,0.5)');
    expect(tp1AtrBucket(0.5)).toBe('[0.5,1)');
    expect(tp1AtrBucket(1.99)).toBe('[1,2)');
    expect(tp1AtrBucket(3)).toBe('[3,inf)');
    expect(tp1AtrBucket(1.5, [1])).toBe('[1,inf)');
    expect(() => tp1AtrBucket(-0.1)).toThrow(/tp1_atr/);
  });

  it('reads each dimension off a row', () => {
    const row = { direction: 'short', time_of_day: 'midday', tp1_atr: 2.4, regime: { trend: 'down', volatility: 'high' } } as OutcomeRow;
    expect(segmentValue(row, 'direction')).toBe('short');
    expect(segmentValue(row, 'time_of_day')).toBe('midday');
    expect(segmentValue(row, 'tp1_atr')).toBe('[2,3)');
    expect(segmentValue(row, 'trend')).toBe('down');
    expect(segmentValue(row, 'volatility')).toBe('high');
  });
});
