/**
 * Standard normal density and cumulative distribution to full double precision.
 *
 * The CDF is W. J. Cody's rational Chebyshev approximation (ACM TOMS 715, as used by R's pnorm):
 * relative error ~1e-15 across the range, including the tails where `1 - N(x)` would cancel.
 * Cheaper polynomial approximations (Abramowitz–Stegun 26.2.17, ~7e-8) are not accurate enough
 * for an IV solver asked for 1e-10.
 */

const INV_SQRT_2PI = 0.398942280401432677939946059934;

// Cody's coefficients, written out so the polynomials below are straight-line code (same operations,
// same order as the loops `xnum = (xnum + A[i]) * xsq` they replace).
const A0 = 2.2352520354606839287,
  A1 = 161.02823106855587881,
  A2 = 1067.6894854603709582,
  A3 = 18154.981253343561249,
  A4 = 0.065682337918207449113;
const B0 = 47.20258190468824187,
  B1 = 976.09855173777669322,
  B2 = 10260.932208618978205,
  B3 = 45507.789335026729956;
const C0 = 0.39894151208813466764,
  C1 = 8.8831497943883759412,
  C2 = 93.506656132177855979,
  C3 = 597.27027639480026226,
  C4 = 2494.5375852903726711;
const C5 = 6848.1904505362823326,
  C6 = 11602.651437647350124,
  C7 = 9842.7148383839780218,
  C8 = 1.0765576773720192317e-8;
const D0 = 22.266688044328115691,
  D1 = 235.38790178262499861,
  D2 = 1519.377599407554805,
  D3 = 6485.558298266760755,
  D4 = 18615.571640885098091;
const D5 = 34900.952721145977266,
  D6 = 38912.003286093271411,
  D7 = 19685.429676859990727;
const P0 = 0.21589853405795699,
  P1 = 0.1274011611602473639,
  P2 = 0.022235277870649807,
  P3 = 0.001421619193227893466,
  P4 = 2.9112874951168792e-5,
  P5 = 0.02307344176494017303;
const Q0 = 1.28426009614491121,
  Q1 = 0.468238212480865118,
  Q2 = 0.0659881378689285515,
  Q3 = 0.00378239633202758244,
  Q4 = 7.29751555083966205e-5;

/**
 * exp(−a²/2) for a = k/16, k = 0…616: the first factor of gaussTail takes only these values, so it is
 * looked up instead of computed (Math.exp is deterministic, so the table holds the very same doubles).
 */
const GRID_EXP = new Float64Array(617);
for (let k = 0; k < GRID_EXP.length; k++) {
  const ysq = k / 16;
  GRID_EXP[k] = Math.exp(-ysq * ysq * 0.5);
}

/** Standard normal probability density φ(x). */
export function normPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** exp(-y²/2) evaluated as exp(-a²/2)·exp(-(y²-a²)/2) with a = y rounded down to 1/16, to keep precision (0 ≤ y < 38.5). */
function gaussTail(y: number, rational: number): number {
  const k = Math.trunc(y * 16);
  const ysq = k / 16;
  const del = (y - ysq) * (y + ysq);
  return GRID_EXP[k] * Math.exp(-del * 0.5) * rational;
}

/** Standard normal cumulative distribution Φ(x). NaN in → NaN out. */
export function normCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > 1.11e-16) {
      const xsq = x * x;
      xnum = (((A4 * xsq + A0) * xsq + A1) * xsq + A2) * xsq;
      xden = (((xsq + B0) * xsq + B1) * xsq + B2) * xsq;
    }
    return 0.5 + (x * (xnum + A3)) / (xden + B3);
  }
  let lower: number; // Φ(-|x|)
  if (y <= 5.656854249492380195) {
    const xnum = (((((((C8 * y + C0) * y + C1) * y + C2) * y + C3) * y + C4) * y + C5) * y + C6) * y;
    const xden = (((((((y + D0) * y + D1) * y + D2) * y + D3) * y + D4) * y + D5) * y + D6) * y;
    lower = gaussTail(y, (xnum + C7) / (xden + D7));
  } else if (y < 38.5) {
    const xsq = 1 / (x * x);
    const xnum = ((((P5 * xsq + P0) * xsq + P1) * xsq + P2) * xsq + P3) * xsq;
    const xden = ((((xsq + Q0) * xsq + Q1) * xsq + Q2) * xsq + Q3) * xsq;
    const r = (xsq * (xnum + P4)) / (xden + Q4);
    lower = gaussTail(y, (INV_SQRT_2PI - r) / y);
  } else {
    lower = 0;
  }
  return x > 0 ? 1 - lower : lower;
}
