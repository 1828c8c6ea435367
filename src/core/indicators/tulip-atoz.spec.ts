/**
 * The "A to Z" vectors of Tulip Indicators (values from Achelis, "Technical Analysis from A to Z",
 * and its companion spreadsheet: independent of any code; LGPL-3.0 data). Compared where the
 * convention matches ours; where it does not, the test says which convention differs and why.
 * Not compared (convention differs throughout, so values never coincide exactly): ATR (the book
 * includes TR[0] = H−L in its seed and starts one bar earlier), MACD (first-value-seeded EMAs), DX/ADX/ADXR
 * (the sheet's DX starts a bar earlier, so every later Wilder average is shifted). Those are checked
 * against TA-Lib itself in talib-oracle.spec.ts and talib-regression.spec.ts.
 */
import { readFixtureJson } from '../../../test/support/fixtures';
import { bollinger, directional, emaFirstSeeded, obv, rsi, sma, stddev, trueRange, wilder } from './index';

const atoz: Array<{ indicator: string; options: Record<string, number>; inputs: Record<string, number[]>; outputs: Record<string, number[]>; output_offset: number }> = readFixtureJson(
  'reference',
  'tulip_indicators_test_vectors.json',
).atoz.tests;
const vec = (name: string) => atoz.find((t) => t.indicator === name)!;

/** Tulip aligns outputs to the end of the input: output[j] ↔ input index output_offset + j. */
function expectSeries(ours: ArrayLike<number>, expected: number[], offset: number, tol: number, from = 0) {
  let compared = 0;
  for (let j = from; j < expected.length; j++) {
    expect(Math.abs(ours[offset + j] - expected[j])).toBeLessThanOrEqual(tol);
    compared++;
  }
  expect(compared).toBeGreaterThan(3);
}

describe('Tulip A-to-Z book vectors', () => {
  it('SMA (book p.207)', () => {
    const t = vec('sma');
    expectSeries(sma(t.inputs.real, t.options.period), t.outputs.sma, t.output_offset, 1e-3);
  });

  it('EMA (book p.209) — the book seeds with the first value, so we compare our first-value-seeded EMA; our default EMA is SMA-seeded (TA-Lib)', () => {
    const t = vec('ema');
    expectSeries(emaFirstSeeded(t.inputs.real, t.options.period), t.outputs.ema, t.output_offset, 1e-3);
  });

  it('RSI, Wilder smoothing (book p.299)', () => {
    const t = vec('rsi');
    expectSeries(rsi(t.inputs.real, t.options.period), t.outputs.rsi, t.output_offset, 1e-3);
  });

  it('True range (book p.70) — the book takes TR[0] = H−L; ours has no TR without a previous close, so from bar 1', () => {
    const t = vec('tr');
    expectSeries(trueRange(t.inputs.high, t.inputs.low, t.inputs.close), t.outputs.tr, t.output_offset, 1e-3, 1);
  });

  it('Wilder smoothing (book p.366)', () => {
    const t = vec('wilders');
    expectSeries(wilder(t.inputs.real, t.options.period), t.outputs.wilders, t.output_offset, 1e-3);
  });

  it('Bollinger bands and standard deviation, population stdev (book p.73, p.309)', () => {
    const b = vec('bbands');
    const ours = bollinger(b.inputs.real, b.options.period, b.options.stddev);
    expectSeries(ours.lower, b.outputs.bbands_lower, b.output_offset, 1e-3);
    expectSeries(ours.middle, b.outputs.bbands_middle, b.output_offset, 1e-3);
    expectSeries(ours.upper, b.outputs.bbands_upper, b.output_offset, 1e-3);
    const s = vec('stddev');
    expectSeries(stddev(s.inputs.real, s.options.period), s.outputs.stddev, s.output_offset, 1e-3);
  });

  it('OBV (book p.231) — the book starts the running total at 0, TA-Lib (ours) at volume[0]; differences are compared', () => {
    const t = vec('obv');
    const ours = obv(t.inputs.close, t.inputs.volume);
    const exp = t.outputs.obv;
    for (let j = 1; j < exp.length; j++) expect(ours[j] - ours[j - 1]).toBeCloseTo(exp[j] - exp[j - 1], 6);
  });

  it('±DM, ±DI (companion spreadsheet) — Wilder sums as TA-Lib; the sheet starts one bar earlier, so we compare from our first value', () => {
    const dm = vec('dm');
    const di = vec('di');
    const d = directional(di.inputs.high, di.inputs.low, di.inputs.close, di.options.period);
    expectSeries(d.plusDM, dm.outputs.plus_dm, dm.output_offset, 1e-3);
    expectSeries(d.minusDM, dm.outputs.minus_dm, dm.output_offset, 1e-3);
    expectSeries(d.plusDI, di.outputs.plus_di, di.output_offset, 1e-2, 1);
    expectSeries(d.minusDI, di.outputs.minus_di, di.output_offset, 1e-2, 1);
  });
});
