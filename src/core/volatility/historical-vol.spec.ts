import { readFixtureJson, readFixtureText } from '../../../test/support/fixtures';
import { historicalVol, hvSnapshot, logReturns } from './historical-vol';

/**
 * Oracle: reference/historical_volatility_reference.json (numpy; log returns, ×√252, ddof 1 and 0).
 * The reference stores fractions (0.087); we report percent (8.7), so it is ×100 here.
 * Closes are read from the bar file itself (bars/lean_spy_1d_raw_…csv, raw/unadjusted like the reference).
 */
interface HvRef {
  series: Record<string, { dates: string[]; close: number[] } & Record<string, (number | null)[]>>;
}
const ref = readFixtureJson<HvRef>('reference', 'historical_volatility_reference.json').series['lean_spy_1d_raw_2018-01-02_2021-03-31'];

function spyCloses(): { dates: string[]; closes: number[] } {
  const lines = readFixtureText('bars', 'lean_spy_1d_raw_1998-01-02_2021-03-31.csv').trim().split('\n');
  const header = lines[0].split(',');
  const iDate = header.indexOf('date');
  const iClose = header.indexOf('close');
  const rows = lines
    .slice(1)
    .map((l) => l.split(','))
    .filter((c) => c[iDate] >= '2018-01-02' && c[iDate] <= '2021-03-31');
  return { dates: rows.map((c) => c[iDate]), closes: rows.map((c) => Number(c[iClose])) };
}

describe('historicalVol on SPY daily 2018-01 … 2021-03', () => {
  const { dates, closes } = spyCloses();

  it('reads the same 817 sessions as the reference', () => {
    expect(dates).toEqual(ref.dates);
    expect(closes).toEqual(ref.close);
  });

  for (const window of [20, 60, 120]) {
    for (const [ddof, sample] of [
      [1, true],
      [0, false],
    ] as const) {
      it(`HV${window} ${sample ? 'sample' : 'population'} equals the reference (percent, 1e-9)`, () => {
        const want = ref[`HV${window}_log_ddof${ddof}_ann252`];
        const got = historicalVol(closes, window, { sample });
        expect(got).toHaveLength(want.length);
        let compared = 0;
        for (let i = 0; i < want.length; i++) {
          const w = want[i];
          if (w === null) expect(got[i]).toBeNaN();
          else {
            expect(Math.abs(got[i] - w * 100)).toBeLessThan(1e-9);
            compared++;
          }
        }
        expect(compared).toBe(817 - window); // first value at index `window`
      });
    }
  }

  it('hvSnapshot gives the latest sample HV20/60/120 in percent', () => {
    const s = hvSnapshot(closes);
    const last = (k: string) => ref[k][ref[k].length - 1]! * 100;
    expect(s.hv20).toBeCloseTo(last('HV20_log_ddof1_ann252'), 9);
    expect(s.hv60).toBeCloseTo(last('HV60_log_ddof1_ann252'), 9);
    expect(s.hv120).toBeCloseTo(last('HV120_log_ddof1_ann252'), 9);
  });

  it('log returns equal the reference log_return column', () => {
    const r = logReturns(closes);
    expect(r[0]).toBeNaN();
    for (let i = 1; i < r.length; i++) expect(r[i]).toBeCloseTo(ref.log_return[i]!, 14);
  });
});

describe('historicalVol malformed input', () => {
  it('empty, too short, bad window → NaN-filled, no throw', () => {
    expect(historicalVol([], 20)).toHaveLength(0);
    expect(Array.from(historicalVol([1, 2, 3], 20)).every(Number.isNaN)).toBe(true);
    expect(Array.from(historicalVol([1, 2, 3, 4], 1)).every(Number.isNaN)).toBe(true);
    expect(Array.from(historicalVol([1, 2, 3, 4], 2.5)).every(Number.isNaN)).toBe(true);
    expect(historicalVol(null as unknown as number[], 20)).toHaveLength(0);
    expect(hvSnapshot([100, 101])).toEqual({ hv20: NaN, hv60: NaN, hv120: NaN });
  });

  it('a bad close (0, negative, NaN) blanks exactly the windows that contain it, then recovers', () => {
    const closes = Array.from({ length: 40 }, (_, i) => 100 * Math.exp(0.01 * Math.sin(i)));
    closes[25] = 0;
    const hv = historicalVol(closes, 5);
    // returns 25 and 26 touch close 25; windows ending at 25..30 contain one of them.
    for (let i = 25; i <= 30; i++) expect(hv[i]).toBeNaN();
    expect(Number.isFinite(hv[24])).toBe(true);
    expect(Number.isFinite(hv[31])).toBe(true);
    const clean = [...closes];
    clean[25] = NaN;
    expect(historicalVol(clean, 5)[31]).toBeCloseTo(hv[31], 12);
  });

  it('constant prices give 0, not NaN', () => {
    expect(historicalVol(new Array(30).fill(50), 20)[29]).toBe(0);
  });

  it('long series: rolling result equals a direct per-window computation (no drift)', () => {
    let p = 100;
    const closes = Array.from({ length: 20_000 }, (_, i) => (p *= Math.exp(0.02 * Math.sin(i * 12.9898) * Math.cos(i * 78.233))));
    const hv = historicalVol(closes, 60);
    const r = logReturns(closes);
    for (const i of [60, 61, 119, 120, 9_999, 19_999]) {
      const win = Array.from(r.slice(i - 59, i + 1));
      const mean = win.reduce((a, b) => a + b, 0) / 60;
      const sd = Math.sqrt(win.reduce((a, b) => a + (b - mean) ** 2, 0) / 59);
      expect(hv[i]).toBeCloseTo(sd * Math.sqrt(252) * 100, 9);
    }
  });
});
