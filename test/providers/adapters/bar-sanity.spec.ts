/**
 * Vendor bars are sanity-checked at the adapter edge (issue 13 item 8): a hostile Polygon answer with
 * high < low, a close of 0, a 1970 timestamp and a bar in the future used to be served as `polygon`,
 * `stale: false`. Freshness is the age of the last bar against the clock and the NYSE calendar.
 */
import nock from 'nock';
import { PolygonAdapter, TradierAdapter } from '../../../src/providers/adapters';
import { barFreshness, checkBars } from '../../../src/providers/adapters/bar-sanity';
import { config, http } from './support';

const P = 'https://api.polygon.io';
const T0 = Date.parse('2024-06-12T14:00:00Z'); // Wed 10:00 ET
const MIN = 60_000;
const bar = (t: number, o: number, h: number, l: number, c: number) => ({ time: t, open: o, high: h, low: l, close: c, volume: 100 });

describe('checkBars (hand cases)', () => {
  it('rejects non-finite, non-positive, pre-1990 and future bars; repairs high/low; says so', () => {
    const now = T0 + 10 * MIN;
    const r = checkBars(
      [
        bar(T0, 100, 101, 99, 100.5), // fine
        bar(T0 + MIN, 100.5, 99, 101, 100.2), // high < low → repaired to 101 / 99
        bar(T0 + 2 * MIN, 100.2, 100.3, 100.1, 100.9), // close above high → high 100.9
        bar(T0 + 3 * MIN, 100.9, 101, 100, 0), // close 0 → rejected
        bar(0, 1, 1, 1, 1), // 1970 → rejected
        bar(now + 5 * MIN, 100, 101, 99, 100), // 5 min in the future → rejected
        bar(T0 + 4 * MIN, NaN, 101, 99, 100), // non-finite → rejected
        bar(T0 + 5 * MIN, 100, 101, 0, 100.5), // low 0 → repaired to 100
      ],
      '1m',
      now,
    );
    expect(r.bars.map((b) => [b.time - T0, b.high, b.low])).toEqual([
      [0, 101, 99],
      [MIN, 101, 99],
      [2 * MIN, 100.9, 100.1],
      [5 * MIN, 101, 100],
    ]);
    expect({ rejected: r.rejected, repaired: r.repaired }).toEqual({ rejected: 4, repaired: 3 });
    expect(r.warnings).toEqual([
      'rejected 4 impossible 1m bar(s): 1 non-positive price, 1 before 1990, 1 in the future, 1 non-finite',
      'repaired 3 1m bar(s) whose high/low did not contain open and close',
    ]);
  });

  it('a bar one minute ahead of the clock is tolerated (clock skew), not rejected', () => {
    expect(checkBars([bar(T0 + MIN, 1, 1, 1, 1)], '1m', T0).rejected).toBe(0);
  });
});

describe('barFreshness (hand cases)', () => {
  it('intraday: fresh two minutes after the last bar; 10 hours old at night is stale with its age', () => {
    const last = [bar(Date.parse('2024-06-12T23:59:00Z'), 1, 1, 1, 1)]; // 19:59 ET, the last extended-hours minute
    expect(barFreshness(last, '1m', Date.parse('2024-06-13T00:02:00Z'))).toEqual({ stale: false, age_s: 120 });
    expect(barFreshness(last, '1m', Date.parse('2024-06-13T10:00:00Z'))).toEqual({ stale: true, age_s: 36_000 }); // 06:00 ET
    // 5-minute bars: three bars or 20 minutes, whichever is longer
    const five = [bar(Date.parse('2024-06-12T15:00:00Z'), 1, 1, 1, 1)];
    expect(barFreshness(five, '5m', Date.parse('2024-06-12T15:25:00Z')).stale).toBe(false);
    expect(barFreshness(five, '5m', Date.parse('2024-06-12T15:26:00Z')).stale).toBe(true);
  });

  it("daily: Friday's bar is current on Monday morning and stale after Monday's close", () => {
    const friday = [bar(Date.parse('2024-06-14T00:00:00Z'), 1, 1, 1, 1)];
    // Fri close 16:00 ET = 20:00Z; Mon 10:00 ET = 14:00Z → 66 h
    expect(barFreshness(friday, '1D', Date.parse('2024-06-17T14:00:00Z'))).toEqual({ stale: false, age_s: 66 * 3600 });
    expect(barFreshness(friday, '1D', Date.parse('2024-06-17T21:00:00Z')).stale).toBe(true);
    // Juneteenth (Wed 2024-06-19) is a holiday: Tuesday's bar is still current on Thursday morning
    expect(barFreshness([bar(Date.parse('2024-06-18T00:00:00Z'), 1, 1, 1, 1)], '1D', Date.parse('2024-06-20T14:00:00Z')).stale).toBe(false);
  });
});

describe('Polygon adapter on a hostile aggregates answer', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    jest.restoreAllMocks();
  });

  it('serves only possible bars and reports what it rejected and repaired', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(T0 + 10 * MIN);
    const results = [
      { t: T0, o: 100, h: 101, l: 99, c: 100.5, v: 10 },
      { t: T0 + MIN, o: 100.5, h: 99, l: 101, c: 100.2, v: 10 }, // high < low
      { t: T0 + 2 * MIN, o: 100.2, h: 100.4, l: 100, c: 0, v: 10 }, // close 0
      { t: 0, o: 100, h: 101, l: 99, c: 100, v: 10 }, // 1970
      { t: T0 + 60 * MIN, o: 100, h: 101, l: 99, c: 100, v: 10 }, // an hour in the future
      { t: T0 + 8 * MIN, o: 100, h: 101, l: 99, c: 100, v: 10 },
    ];
    nock(P)
      .get(/\/v2\/aggs\/ticker\/SPY\/range\/1\/minute\/.*/)
      .query(true)
      .reply(200, { status: 'OK', ticker: 'SPY', results });
    const res = await new PolygonAdapter(http(), config).getBars({ symbol: 'SPY', interval: '1m' });
    expect(res.bars.map((b) => b.time - T0)).toEqual([0, MIN, 8 * MIN]);
    expect(res.bars.every((b) => b.low <= Math.min(b.open, b.close) && b.high >= Math.max(b.open, b.close) && b.close > 0)).toBe(true);
    expect(res).toMatchObject({ data_source: 'polygon', rejected: 3, repaired: 1, stale: false, age_s: 60 });
    expect(res.warnings).toHaveLength(2);
  });

  it('bars that end 10 hours before now (night) are served stale with their age', async () => {
    const night = Date.parse('2024-06-13T10:00:00Z');
    jest.spyOn(Date, 'now').mockReturnValue(night);
    const last = Date.parse('2024-06-12T23:59:00Z');
    nock(P)
      .get(/\/v2\/aggs\/ticker\/SPY\/range\/1\/minute\/.*/)
      .query(true)
      .reply(200, {
        status: 'OK',
        ticker: 'SPY',
        results: [
          { t: last - MIN, o: 1, h: 1, l: 1, c: 1 },
          { t: last, o: 1, h: 1, l: 1, c: 1 },
        ],
      });
    const res = await new PolygonAdapter(http(), config).getBars({ symbol: 'SPY', interval: '1m' });
    expect(res).toMatchObject({ stale: true, age_s: 36_000 });
    expect(res.warnings).toBeUndefined();
  });

  it('Tradier history: a daily row with low above close is repaired and counted', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2024-06-13T14:00:00Z'));
    nock('https://api.tradier.com')
      .get('/v1/markets/history')
      .query(true)
      .reply(200, {
        history: {
          day: [
            { date: '2024-06-11', open: 100, high: 102, low: 99, close: 101, volume: 1 },
            { date: '2024-06-12', open: 101, high: 103, low: 102.5, close: 102, volume: 1 },
          ],
        },
      });
    const res = await new TradierAdapter(http(), config).getBars({ symbol: 'SPY', interval: '1D' });
    expect(res.bars[1]).toMatchObject({ high: 103, low: 101 });
    expect(res).toMatchObject({ repaired: 1, stale: false });
  });
});
