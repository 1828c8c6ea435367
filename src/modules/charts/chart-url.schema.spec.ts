/**
 * The published body schema of POST /gpt/chart-url and its parser agree: for every generated body, an
 * independent JSON Schema validator (Ajv, with OpenAPI 3.0's `nullable`) accepts it exactly when
 * canonicalChartParams reports no problem. Bodies are drawn from values on both sides of each rule
 * (zero, bounds, exponents, signs, spaces, wrong types, null, "").
 */
import Ajv from 'ajv';
import { canonicalChartParams } from './chart-url.builder';
import { CHART_URL_REQUEST_SCHEMA } from './chart-url.schema';

const POOLS: Record<string, unknown[]> = {
  symbol: ['SPY', ' brk-b ', 'I:SPX', '', 'S P Y', 'ß', 5, null],
  interval: ['5m', ' 1D ', 'weekly', 5, 240, 2, 5.5, '2m', '', null, true],
  direction: ['long', 'short', 'up', '', null, 1],
  entry: [512.25, '512.250', '0.0001', 0.0001, 0.00009, '0.00009', 0, '0', -1, '-1', '1e3', 9_999_999.9999, 10_000_000, '9999999.9', '10000000', ' 5', '5.', '.5', '', null, true],
  stop: [510.1, '510.10', 0, '', null, 'x'],
  tp: ['514.5, 516', [514.5, '516'], 514.5, ' , ', '1,2,3,4,5,6', [], [0], 'a', '', null, { x: 1 }],
  plan_version: [1, 2, '2', '2.0', '2.5', 0, 1_000_000, 1_000_001, -1, '', null],
  version: [1, 2, '', null],
  ema: ['21,9', [9, 21], 9, '0', 401, '9,21,50,100,200,400', '400', '09', 'x', [], '', null],
  view: ['1d', '6M', '2Y', '', null],
  range: ['5D', '2w', '0D', '001D', '1000D', ' 5D', '', null],
  theme: ['dark', 'light', 'blue', null],
  scale_plan: ['auto', 'off', 1.5, '1.5', 0, '0', '', null],
  center_time: ['latest', 1764000000, '1764000000', 0, -5, '1.5', '', null],
  style_hint: ['scalp', 'leaps', 'yolo', '', null],
  style: ['swing', 'bad', '', null],
  force_interval: [true, false, 0, 1, '1', 'true', 'yes', 2, '', null],
  supportingLevels: [false, 'false', 'no', null],
  vwap: [false, '0', '', 'off', null],
  plan_id: ['SPY-intraday-20261124-abcdef', 'ab', 'has space', '', null],
};

/** Deterministic PRNG (mulberry32), so a failure names a reproducible body. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('chart-url body schema ⇔ parser', () => {
  const ajv = new Ajv({ strict: false, allErrors: false });
  const validate = ajv.compile(CHART_URL_REQUEST_SCHEMA);

  it('every value of every field, alone on a valid body: the schema and the parser agree', () => {
    const base = { symbol: 'SPY', interval: '5m' };
    const disagree: string[] = [];
    for (const [field, values] of Object.entries(POOLS)) {
      for (const v of values) {
        const body = { ...base, [field]: v };
        const parsed = canonicalChartParams(body, true).problems.length === 0;
        if (validate(body) !== parsed) disagree.push(`${JSON.stringify(body)}: schema ${!parsed} parser ${parsed}`);
      }
    }
    expect(disagree).toEqual([]);
  });

  it('3,000 random bodies mixing fields: the schema and the parser agree', () => {
    const next = rng(20261201);
    const disagree: string[] = [];
    let valid = 0;
    for (let i = 0; i < 3000; i++) {
      const body: Record<string, unknown> = {};
      for (const [field, values] of Object.entries(POOLS)) if (field === 'symbol' || field === 'interval' || next() < 0.3) body[field] = values[Math.floor(next() * values.length)];
      const r = canonicalChartParams(body, true);
      const parsed = r.problems.length === 0;
      if (parsed) valid++;
      if (validate(body) !== parsed) disagree.push(`${JSON.stringify(body)}: parser problems ${JSON.stringify(r.problems)}`);
    }
    expect(disagree.slice(0, 5)).toEqual([]);
    expect(valid).toBeGreaterThan(50); // the generator reaches both sides (95 of 3,000 valid with this seed)
  });
});
