import { buildChartUrl, canonicalChartParams, formatPrice, symbolPrecision } from './chart-url.builder';

const BASE = 'https://coach.example.com';
function url(body: Record<string, unknown>, canonical = true): string {
  const r = canonicalChartParams(body, canonical);
  expect(r.problems).toEqual([]);
  return buildChartUrl(BASE, r.params);
}

describe('canonicalChartParams / buildChartUrl', () => {
  it('gives byte-identical URLs for equivalent inputs (order, case, aliases, number spelling, unknown keys)', () => {
    const a = url({ symbol: 'spy', interval: '5', direction: 'long', entry: '512.250', stop: 510.1, tp: '514.5, 516', plan_id: 'SPY-intraday-20261124-abcdef', plan_version: 2, ema: '21,9' });
    const b = url({
      ema: [9, 21, 9],
      tp: [514.5, 516.0],
      stop: '510.10',
      entry: 512.25,
      direction: 'long',
      interval: '5m',
      symbol: 'SPY ',
      plan_id: 'SPY-intraday-20261124-abcdef',
      version: '2',
      session_banner: 'x',
      levels: '1|a',
      whatever: { deep: 1 },
    });
    expect(a).toBe(b);
    expect(a).toBe(`${BASE}/tv?direction=long&ema=9,21&entry=512.25&interval=5m&plan_id=SPY-intraday-20261124-abcdef&plan_version=2&stop=510.1&symbol=SPY&tp=514.5,516`);
  });

  it('rounds prices to the symbol precision (YM 0 dp, CL 3 dp, default 2 dp)', () => {
    expect(symbolPrecision('YM')).toBe(0);
    expect(symbolPrecision('I:SPX')).toBe(2);
    expect(symbolPrecision('CL')).toBe(3);
    expect(formatPrice(101.5, 2)).toBe('101.5');
    expect(formatPrice(1e-9, 2)).toBe('0');
    expect(url({ symbol: 'YM', interval: '1h', entry: 39012.6 })).toContain('entry=39013');
    expect(url({ symbol: 'SPY', interval: '1h', entry: 512.3456 })).toContain('entry=512.35');
  });

  it('drops inline levels and session keys in canonical mode and keeps them in legacy mode', () => {
    const body = { symbol: 'SPY', interval: '15m', levels: '510|PDH', session_banner: 'Closed', title: 'My <plan>' };
    expect(url(body, true)).toBe(`${BASE}/tv?interval=15m&symbol=SPY`);
    const legacy = url(body, false);
    expect(legacy).toContain('levels=510%7CPDH');
    expect(legacy).toContain('title=My%20%3Cplan%3E');
    expect(legacy).not.toContain('<');
  });

  it('coerces swing/leaps intraday intervals unless force_interval', () => {
    expect(url({ symbol: 'AAPL', interval: '5m', style_hint: 'swing' })).toBe(`${BASE}/tv?interval=1h&style=swing&symbol=AAPL`);
    expect(url({ symbol: 'AAPL', interval: '5m', ui_state: '{"style":"leaps"}' })).toContain('interval=1D');
    expect(url({ symbol: 'AAPL', interval: '5m', style_hint: 'swing', force_interval: true })).toContain('interval=5m');
  });

  it('names every bad field in one result', () => {
    const r = canonicalChartParams({ symbol: '<script>alert(1)</script>', interval: '7m', direction: 'up', entry: 'abc', tp: '1,x', view: '2Y', theme: 'blue' }, true);
    expect(r.problems.map((p) => p.field).sort()).toEqual(['direction', 'entry', 'interval', 'symbol', 'theme', 'tp', 'view']);
  });

  it('requires symbol and interval', () => {
    expect(canonicalChartParams({}, true).problems.map((p) => p.field)).toEqual(['symbol', 'interval']);
  });

  it('checks trade order for long and short', () => {
    // each field valid, together contradictory: conflicts (422), not problems (400)
    const long = canonicalChartParams({ symbol: 'SPY', interval: '5m', direction: 'long', entry: 10, stop: 11, tp: '12' }, true);
    expect(long.problems).toEqual([]);
    expect(long.conflicts[0].message).toMatch(/order invalid for long/);
    expect(canonicalChartParams({ symbol: 'SPY', interval: '5m', direction: 'short', entry: 10, stop: 11, tp: '9,9.5' }, true).conflicts[0].message).toBe('tp2 not below previous');
    const ok = canonicalChartParams({ symbol: 'SPY', interval: '5m', direction: 'short', entry: 10, stop: 11, tp: '9,8' }, true);
    expect([ok.problems, ok.conflicts]).toEqual([[], []]);
  });

  it('rejects disagreeing plan_version and version', () => {
    expect(canonicalChartParams({ symbol: 'SPY', interval: '5m', plan_version: 2, version: 3 }, true).conflicts[0].field).toBe('plan_version');
  });

  it('keeps display options canonical', () => {
    expect(url({ symbol: 'SPY', interval: '5m', range: '5d', view: '3M', theme: 'light', scale_plan: 'auto', vwap: true, supportingLevels: 'false', center_time: 1764000000000, focus: 'plan' })).toBe(
      `${BASE}/tv?center_time=1764000000&focus=plan&interval=5m&range=5D&scale_plan=auto&supportingLevels=0&symbol=SPY&theme=light&view=3M`,
    );
  });
});
