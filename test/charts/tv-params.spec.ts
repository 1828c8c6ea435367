import * as path from 'node:path';

/* The viewer's parameter parser is a browser script; it exports itself under CommonJS for this test. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TcParams = require(path.resolve(__dirname, '../../static/tv/tv-params.js')) as {
  parse(search: string): { params: Record<string, any>; errors: Array<{ field: string; message: string }> };
  planScale(mode: string | number, entry: number, last: number): number;
};

describe('/tv URL parameters (static/tv/tv-params.js)', () => {
  it('reads a canonical link', () => {
    const { params, errors } = TcParams.parse('?direction=long&ema=9,21&entry=450.1&interval=5m&plan_id=SPY-intraday-20230803-abcdef&plan_version=2&stop=449&symbol=SPY&tp=451.5,452');
    expect(errors).toEqual([]);
    expect(params).toMatchObject({ symbol: 'SPY', interval: '5m', range: '3D', entry: 450.1, stop: 449, targets: [451.5, 452], ema: [9, 21], plan_version: 2, vwap: true, theme: 'dark' });
  });
  it('takes the symbol from the plan id and defaults the rest', () => {
    const { params } = TcParams.parse('?plan_id=QQQ-swing-20261124-abcdef');
    expect(params).toMatchObject({ symbol: 'QQQ', interval: '15m', range: '5D', ema: [9, 21, 50] });
  });
  it('rejects markup and junk field by field', () => {
    const { errors, params } = TcParams.parse('?symbol=%3Cscript%3Ealert(1)%3C/script%3E&interval=7m&entry=1e3x&tp=1,,x&ema=0&theme=blue&scale_plan=-1&plan_id=%22%3E');
    expect(errors.map((e) => e.field).sort()).toEqual(['ema', 'entry', 'interval', 'plan_id', 'scale_plan', 'symbol', 'theme', 'tp']);
    expect(params.symbol).toBeUndefined();
  });
  it('rescales only outside [0.8, 1.2] in auto mode', () => {
    expect(TcParams.planScale('auto', 100, 110)).toBe(1);
    expect(TcParams.planScale('auto', 100, 130)).toBeCloseTo(1.3, 12);
    expect(TcParams.planScale('auto', 100, 70)).toBeCloseTo(0.7, 12);
    expect(TcParams.planScale(2, 100, 130)).toBe(2);
    expect(TcParams.planScale('off', 100, 300)).toBe(1);
    expect(TcParams.planScale('auto', NaN, 300)).toBe(1);
  });
});
