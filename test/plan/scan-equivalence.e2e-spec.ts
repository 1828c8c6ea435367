/**
 * The fast scan path (memoised bar evaluations, yielding loop, batched saves) returns what the plain
 * path returns on the same bars: analyzeSymbol without a memo, one symbol at a time, ranked by composite
 * score then symbol — the scan's documented order — computed here from the same port's bars.
 */
import { analyzeSymbol, barRequirements, type Analysis, type BarsInput } from '../../src/core/analysis/analyze-symbol';
import { BarsEvaluationMemo } from '../../src/core/analysis/bars-evaluation';
import type { Bar } from '../../src/core/bars/bar';
import type { Interval } from '../../src/core/bars/interval';
import { FixedClock, SyntheticMarketDataProvider } from '../../src/providers/embedded';
import { ScanService } from '../../src/modules/scan/scan.service';
import type { Style } from '../../src/core/strategies/strategy.types';
import { createPlanTestApp, PlanTestApp } from './support/plan-test-app';

const NOW = '2026-11-20T16:00:00Z'; // Friday 11:00 ET, regular session
const L = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const UNIVERSE = [...'SPY QQQ AAPL MSFT NVDA TSLA AMZN META GOOGL AMD'.split(' '), ...Array.from({ length: 14 }, (_, i) => `EQ${L[Math.floor(i / 26)]}${L[i % 26]}`)];

async function barsOf(market: { getBars: SyntheticMarketDataProvider['getBars'] }, symbol: string, style: Style) {
  const req = barRequirements(style);
  const frames: Partial<Record<Interval, BarsInput>> = {};
  for (const r of req.intraday) frames[r.interval] = await market.getBars({ symbol, interval: r.interval, limit: r.limit, extendedHours: false });
  const daily = req.daily ? await market.getBars({ symbol, interval: '1D', limit: req.daily.limit }) : null;
  return { frames, daily };
}

/** Deep copy of bars (new arrays and objects, same numbers): a memo hit must not need the same references. */
const copyBars = (b: BarsInput): BarsInput => ({ ...b, bars: b.bars.map((x) => ({ ...x })) });

const comparable = (a: Analysis) => ({ ...a, plans: a.plans.map((p) => ({ plan: p.plan, odds: p.odds, i: p.ctx.i })), best: a.best && { plan: a.best.plan, odds: a.best.odds } });

describe('bar-evaluation memo: same analysis as recomputing', () => {
  const moments = [
    ['2026-11-20T16:00:00Z', false],
    ['2026-11-20T19:40:00Z', false],
    ['2026-11-20T23:00:00Z', false], // closed: next-session planning
    ['2026-11-20T16:00:00Z', true],
  ] as const;
  for (const [now, simulate] of moments) {
    for (const style of ['intraday', 'scalp'] as const) {
      it(`${style} at ${now}${simulate ? ' (simulated open)' : ''}: a miss, a hit on copied bars and a miss on a changed bar equal the plain analysis`, async () => {
        const nowMs = Date.parse(now);
        const market = new SyntheticMarketDataProvider({ clock: new FixedClock(nowMs) });
        const memo = new BarsEvaluationMemo();
        let fired = 0;
        for (const symbol of UNIVERSE.slice(0, 6)) {
          const { frames, daily } = await barsOf(market, symbol, style);
          const base = { symbol, style, now_ms: nowMs, simulate_open: simulate };
          const plain = analyzeSymbol({ ...base, frames, daily });
          const first = analyzeSymbol({ ...base, frames, daily, memo });
          const copied = Object.fromEntries(Object.entries(frames).map(([k, v]) => [k, copyBars(v!)]));
          const hitsBefore = memo.hits;
          const second = analyzeSymbol({ ...base, frames: copied, daily: daily && copyBars(daily), memo });
          expect(memo.hits).toBe(hitsBefore + 1);
          expect(comparable(first)).toEqual(comparable(plain));
          expect(comparable(second)).toEqual(comparable(plain));
          if (plain.best) fired++;
          // one changed closed bar (its close and high) is a miss, and the result follows the new bars
          const iv = Object.keys(frames)[0] as Interval;
          const bars = frames[iv]!.bars as Bar[];
          const k = bars.length - 3;
          const changed: Bar[] = bars.map((b, j) => (j === k ? { ...b, close: b.close * 1.01, high: Math.max(b.high, b.close * 1.01) } : b));
          const changedFrames = { ...frames, [iv]: { ...frames[iv]!, bars: changed } };
          const missesBefore = memo.misses;
          const afterChange = analyzeSymbol({ ...base, frames: changedFrames, daily, memo });
          expect(memo.misses).toBe(missesBefore + 1);
          expect(comparable(afterChange)).toEqual(comparable(analyzeSymbol({ ...base, frames: changedFrames, daily })));
        }
        if (style === 'intraday' && simulate) expect(fired).toBeGreaterThan(0);
      });
    }
  }

  it('is bounded by entries', async () => {
    const memo = new BarsEvaluationMemo({ maxEntries: 3, maxBytes: 1e9 });
    const nowMs = Date.parse(NOW);
    const market = new SyntheticMarketDataProvider({ clock: new FixedClock(nowMs) });
    for (const symbol of UNIVERSE.slice(0, 6)) analyzeSymbol({ symbol, style: 'intraday', now_ms: nowMs, ...(await barsOf(market, symbol, 'intraday')), memo });
    expect(memo.size).toBe(3);
  });
});

describe('POST /gpt/scan: same candidates as the plain path on the same bars', () => {
  let t: PlanTestApp;
  beforeAll(async () => {
    t = await createPlanTestApp(NOW);
  });
  afterAll(async () => t?.close());

  it('cold and warm scans rank exactly the candidates of analyzeSymbol without a memo, in the same order', async () => {
    const scans = t.app.get(ScanService);
    // the plan test app has no calibration module: the analyzer ranks with the unmeasured baseline, as here
    const odds = undefined;
    const nowMs = Date.parse(NOW);
    const plain: Analysis[] = [];
    for (const symbol of UNIVERSE) plain.push(analyzeSymbol({ symbol, style: 'intraday', now_ms: nowMs, simulate_open: true, ...(await barsOf(t.port, symbol, 'intraday')), odds }));
    const expected = plain
      .filter((a) => a.best)
      .sort((a, b) => b.best!.plan.composite_score - a.best!.plan.composite_score || a.symbol.localeCompare(b.symbol))
      .map((a, k) => ({
        rank: k + 1,
        symbol: a.symbol,
        strategy_id: a.best!.plan.strategy_id,
        entry: a.best!.plan.entry,
        stop: a.best!.plan.stop,
        targets: a.best!.plan.targets,
        score: a.best!.plan.composite_score,
      }));
    expect(expected.length).toBeGreaterThan(3);
    const noSetup = plain.filter((a) => !a.best).map((a) => a.symbol);
    for (const pass of ['cold', 'warm']) {
      const got: typeof expected = [];
      let cursor: string | undefined;
      let page;
      do {
        page = await scans.scan({ userId: `eq-${pass}`, universe: UNIVERSE, style: 'intraday', simulateOpen: true, limit: 100, cursor });
        for (const c of page.candidates) got.push({ rank: c.rank, symbol: c.symbol, strategy_id: c.strategy_id, entry: c.entry, stop: c.stop, targets: c.targets, score: c.score });
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      expect(got).toEqual(expected);
      expect(page.errors).toEqual([]);
      expect(page.no_setup.map((n) => n.symbol).sort()).toEqual([...noSetup].sort());
    }
  });
});
