import { isDeepStrictEqual } from 'node:util';
import type { Bar } from '../../src/core/bars/bar';
import type { Interval } from '../../src/core/bars/interval';
import { resampleBars } from '../../src/core/bars/resample';
import type { ReplayInput } from '../../src/core/calibration/replay-outcomes';
import { replayOutcomes } from '../../src/core/calibration/replay-outcomes';
import { sessionTag } from '../../src/core/session/session';
import { contextAt } from '../../src/core/strategies/as-of-context';
import { evaluateAllAt, evaluatePlaybookAt } from '../../src/core/strategies/engine';
import { buildFrame, Frame } from '../../src/core/strategies/frame';
import { anchoredVwap } from '../../src/core/strategies/frame-index';
import { playbooksForStyle } from '../../src/core/strategies/playbooks';
import type { OutcomeRow } from '../../src/core/stats';
import { contextAtReference } from '../support/as-of-context-reference';
import { fixtureBars } from '../support/bars';
import { SPY_2013 } from './strategy-fixtures';

const LUMIBOT = 'lumibot_spy_1m_ext_2021-07-01_2021-08-13.csv';
const SPY_DAILY = 'lean_spy_1d_raw_1998-01-02_2021-03-31.csv';
const HTF: Record<string, Interval[]> = { '1m': ['5m', '15m'], '5m': ['15m', '1h'] };

function frames(minutes: Bar[], iv: '1m' | '5m'): { frame: Frame; htf: Frame[] } {
  const bars = iv === '1m' ? minutes : resampleBars(minutes, iv);
  return { frame: buildFrame(bars, iv), htf: HTF[iv].map((h) => buildFrame(resampleBars(minutes, h), h)) };
}

/** Strict deep equality (−0 ≠ 0, NaN = NaN, undefined ≠ missing); on a mismatch Jest prints the diff. */
function expectSame<T>(actual: T, expected: T): void {
  if (!isDeepStrictEqual(actual, expected)) {
    expect(actual).toEqual(expected);
    throw new Error('values differ (strictly) though toEqual holds');
  }
}

/** Every bar's indexed context equals the context built by scanning history (the oracle). */
function expectContextsEqual(frame: Frame, opts: Parameters<typeof contextAt>[2]): number {
  let withPrev = 0;
  for (let i = 0; i < frame.bars.length; i++) {
    const fast = contextAt(frame, i, opts);
    expectSame(fast, contextAtReference(frame, i, opts));
    if (fast?.prev) withPrev++;
  }
  return withPrev;
}

describe('indexed as-of context == the context built by scanning history', () => {
  it.each([
    ['1m', LUMIBOT],
    ['5m', LUMIBOT],
    ['1m', SPY_2013],
    ['5m', SPY_2013],
  ] as const)('%s bars of %s (extended hours included), with HTF frames', (iv, file) => {
    const { frame, htf } = frames(fixtureBars(file), iv);
    expect(expectContextsEqual(frame, { htf })).toBeGreaterThan(frame.bars.length / 2);
  });

  it('previous session from the daily frame on the first day, and a weekly HTF frame', () => {
    const minutes = fixtureBars(SPY_2013);
    const daily = buildFrame(fixtureBars(SPY_DAILY), '1D');
    const { frame, htf } = frames(minutes, '5m');
    expect(contextAt(frame, 0, { daily })!.prev!.high_index).toBe(-1);
    expectContextsEqual(frame, { htf: [...htf, daily], daily });
    const week = buildFrame(resampleBars(daily.bars, '1W'), '1W');
    const d = buildFrame(daily.bars.slice(-400), '1D');
    expectContextsEqual(d, { htf: [week] });
  });

  it('as-of indices visited out of order (jumps, repeats, steps back) give the same contexts', () => {
    const { frame, htf } = frames(fixtureBars(LUMIBOT), '1m');
    const n = frame.bars.length;
    for (let s = 0; s < 1500; s++) {
      const i = s % 3 === 0 ? (s * 7919) % n : Math.max(0, (((s - 1) * 7919) % n) + (s % 3 === 1 ? 1 : -1));
      expectSame(contextAt(frame, i, { htf }), contextAtReference(frame, i, { htf }));
    }
  });

  it('frames out of order, with duplicate dates, NaN, zero and negative-zero volumes take the exact path', () => {
    const minutes = fixtureBars(SPY_2013).filter((b) => sessionTag(b.time) === 'regular');
    const days = [...new Set(minutes.map((b) => new Date(b.time - 4 * 3_600_000).toISOString().slice(0, 10)))];
    const byDay = (d: string) => minutes.filter((b) => new Date(b.time - 4 * 3_600_000).toISOString().slice(0, 10) === d);
    // day 2, day 1, day 2 again: dates decrease once, and one date appears in two runs
    const shuffled = [...byDay(days[1]), ...byDay(days[0]), ...byDay(days[1])].map((b, k) =>
      k % 17 === 0 ? { ...b, volume: NaN } : k % 23 === 0 ? { ...b, volume: 0 } : k % 29 === 0 ? { ...b, volume: -0 } : b,
    );
    const frame = buildFrame(shuffled, '1m');
    const htf = [buildFrame([...resampleBars(byDay(days[1]), '5m'), ...resampleBars(byDay(days[0]), '5m')], '5m')];
    expect(expectContextsEqual(frame, { htf })).toBeGreaterThan(0);
  });
});

describe('anchored VWAP with running sums == the loop from the anchor', () => {
  it('in any order of (anchor, as-of) pairs, forward and backward', () => {
    const { frame } = frames(fixtureBars(SPY_2013), '1m');
    const loop = (from: number, i: number) => {
      if (from < 0 || from > i) return NaN;
      let pv = 0;
      let v = 0;
      let tp = NaN;
      for (let k = from; k <= i; k++) {
        const b = frame.bars[k];
        tp = (b.high + b.low + b.close) / 3;
        const vol = b.volume > 0 ? b.volume : 0;
        pv += tp * vol;
        v += vol;
      }
      return v > 0 ? pv / v : tp;
    };
    const n = frame.bars.length;
    let compared = 0;
    for (let a = 0; a < 12; a++) {
      const from = Math.floor((a * n) / 12);
      // repeats, one step forward, one step back, jumps either way, and an as-of before the anchor
      for (const d of [0, 0, 1, 5, 4, 4, 3, 300, 2, 301, 302, 150, -1, 0, 700, 699, 1]) {
        const i = Math.min(n - 1, from + d);
        expect(anchoredVwap(frame, from, i)).toBe(loop(from, i));
        compared++;
      }
    }
    expect(compared).toBe(12 * 17);
  });
});

describe('swing levels', () => {
  it('a lone swing high stays in the 60-bar window through its last bar, then leaves it', () => {
    // a peak at bar 5, then a steady climb: no other swing high forms
    const bars: Bar[] = Array.from({ length: 90 }, (_, k) => {
      const p = k === 5 ? 120 : k < 5 ? 100 + k : 100 + k * 0.1;
      return { time: Date.parse('2026-11-20T14:30:00Z') + k * 60_000, open: p, high: p + 0.05, low: p - 0.05, close: p, volume: 100 };
    });
    const frame = buildFrame(bars, '1m');
    expect(contextAt(frame, 63)!.swing_high?.price).toBe(120.05);
    expect(contextAt(frame, 64)!.swing_high).toBeNull();
    for (let i = 0; i < bars.length; i++) expectSame(contextAt(frame, i), contextAtReference(frame, i));
  });
});

describe('one shared context per bar gives what per-playbook evaluation gives', () => {
  it.each([
    ['scalp', '1m'],
    ['intraday', '5m'],
  ] as const)('evaluateAllAt == evaluatePlaybookAt for every %s playbook at every bar', (style, iv) => {
    const { frame, htf } = frames(fixtureBars(SPY_2013), iv);
    const pbs = playbooksForStyle(style);
    let fired = 0;
    for (let i = 0; i < frame.bars.length; i++) {
      const all = evaluateAllAt(pbs, style, frame, i, { htf });
      expect(new Set(all.map((e) => e.ctx)).size).toBeLessThanOrEqual(2); // the shared context (and null for other intervals)
      const one = pbs.map((pb) => evaluatePlaybookAt(pb, style, frame, i, { htf }));
      expectSame(all, one);
      fired += all.filter((e) => e.signal).length;
    }
    expect(fired).toBeGreaterThan(10);
  });

  /** replayOutcomes as it ran before: a context scanned from history per playbook per bar, AVWAP by loop. */
  function replayPerPlaybookScanned(inp: ReplayInput): { rows: OutcomeRow[]; scans: number } {
    let rows: OutcomeRow[] = [];
    let scans = 0;
    jest.isolateModules(() => {
      jest.doMock('../../src/core/strategies/as-of-context', () => ({
        ...jest.requireActual('../../src/core/strategies/as-of-context'),
        contextAt: (...a: Parameters<typeof contextAtReference>) => (scans++, contextAtReference(...a)),
      }));
      jest.doMock('../../src/core/strategies/frame-index', () => {
        const actual = jest.requireActual('../../src/core/strategies/frame-index');
        const loop = (f: Frame, from: number, i: number) => {
          if (from < 0 || from > i) return NaN;
          let [pv, v, tp] = [0, 0, NaN];
          for (let k = from; k <= i; k++) {
            const b = f.bars[k];
            tp = (b.high + b.low + b.close) / 3;
            const vol = b.volume > 0 ? b.volume : 0;
            pv += tp * vol;
            v += vol;
          }
          return v > 0 ? pv / v : tp;
        };
        return { ...actual, anchoredVwap: loop };
      });
      jest.doMock('../../src/core/strategies/engine', () => {
        const actual = jest.requireActual('../../src/core/strategies/engine');
        return { ...actual, evaluateAllAt: (pbs: Parameters<typeof evaluateAllAt>[0], ...rest: [never, Frame, number, never]) => pbs.map((pb) => actual.evaluatePlaybookAt(pb, ...rest)) };
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      rows = require('../../src/core/calibration/replay-outcomes').replayOutcomes(inp);
    });
    return { rows, scans };
  }

  it.each(['scalp', 'intraday'] as const)('replayOutcomes rows (%s) equal the per-playbook, scan-built replay on real sessions', (style) => {
    const regular = (f: string) => fixtureBars(f).filter((b) => sessionTag(b.time) === 'regular');
    for (const [minutes, daily] of [
      [regular(SPY_2013), fixtureBars(SPY_DAILY)],
      [regular(LUMIBOT).slice(0, 390 * 8), []],
    ] as const) {
      const inp: ReplayInput = { symbol: 'SPY', style, data_source: 'fixture', intraday: style === 'scalp' ? { '1m': minutes } : { '5m': resampleBars(minutes, '5m') }, daily };
      const after = replayOutcomes(inp);
      expect(after.length).toBeGreaterThan(10);
      const before = replayPerPlaybookScanned(inp);
      // the old path really ran: one scanned context per idle playbook per bar (≥ 2 per bar on average)
      const bars = (inp.intraday['1m'] ?? inp.intraday['5m'])!.length;
      expect(before.scans).toBeGreaterThan(2 * (bars - 50));
      expectSame(after, before.rows);
    }
  });
});
