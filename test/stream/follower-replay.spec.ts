/**
 * The plan follower on a real recorded session (SPY 1-minute, 2013-10-08, LEAN sample data), bar by
 * bar. Expected bars are found independently with plain scans of the highs and lows, not by the follower.
 */
import { fixtureBars } from '../support/bars';
import { etDate } from '../../src/core/session/et-time';
import { sessionTag } from '../../src/core/session/session';
import { initialState, replay, step } from '../../src/core/follower';
import type { FollowedPlan } from '../../src/core/follower';

const bars = fixtureBars('lean_spy_1m_2013-10-04_2013-10-11.csv').filter((b) => etDate(b.time) === '2013-10-08' && sessionTag(b.time) === 'regular');
const hhmm = (t: number) => new Date(t - 4 * 3_600_000).toISOString().slice(11, 16); // EDT

describe('plan follower on SPY 2013-10-08 (a down day)', () => {
  // A short breakdown plan: sell 167.10, stop 167.65, targets 166.70 / 166.30 / 165.90, trail 1 × ATR 0.20.
  const plan: FollowedPlan = { plan_id: 'SPY-intraday-20131008-aaaaaa', direction: 'short', entry: 167.1, stop: 167.65, targets: [166.7, 166.3, 165.9], atr: 0.2, reference_price: 167.45 };

  // independent expectations
  const iEntry = bars.findIndex((b) => b.low <= 167.1);
  const stopBeforeEntry = bars.slice(0, iEntry).some((b) => b.high >= 167.65);
  const iStop1 = bars.findIndex((b, i) => i >= iEntry && b.high >= 167.65);
  const iTp1 = bars.findIndex((b, i) => i >= iEntry && b.low <= 166.7);
  const iBe = bars.findIndex((b, i) => i > iTp1 && b.high >= 167.1); // break-even stop after tp1
  const iTp2 = bars.findIndex((b, i) => i > iTp1 && b.low <= 166.3);

  it('has the session and the setup the test relies on', () => {
    expect(bars).toHaveLength(390);
    expect(stopBeforeEntry).toBe(false);
    expect(iEntry).toBeGreaterThan(0);
    expect(iStop1 === -1 || iStop1 > iTp1).toBe(true); // tp1 comes before the initial stop
    expect(iBe === -1 || iBe > iTp2).toBe(true); // and the break-even stop is not hit before tp2
  });

  it('yields entered → tp1 → stop to break-even → tp2 → trailing …, asserted bar by bar', () => {
    let state = initialState(plan);
    const seen: Array<[string, string, number]> = [];
    for (const b of bars) {
      const r = step(plan, state, b);
      state = r.state;
      for (const d of r.deltas) seen.push([hhmm(d.bar_time), d.type, d.price]);
      if (state.status === 'closed') break;
    }
    expect(seen[0]).toEqual([hhmm(bars[iEntry].time), 'entered', 167.1]);
    expect(seen[1]).toEqual([hhmm(bars[iTp1].time), 'target_hit', 166.7]);
    expect(seen[2]).toEqual([hhmm(bars[iTp1].time), 'stop_moved', 167.1]);
    const tp2 = seen.findIndex((x) => x[1] === 'target_hit' && x[2] === 166.3);
    expect(seen[tp2][0]).toBe(hhmm(bars[iTp2].time));
    // after tp2 the stop trails the lowest low by 1 ATR (0.20) and only ever tightens
    let lowest = Math.min(...bars.slice(iEntry, iTp2 + 1).map((b) => b.low));
    let trail = Math.round((lowest + 0.2) * 10000) / 10000;
    expect(seen[tp2 + 1]).toEqual([hhmm(bars[iTp2].time), 'trail_adjusted', trail]);
    // find the exit independently: the first later bar whose high reaches the trailed stop, or tp3
    let exit: [string, string, number] | undefined;
    for (let i = iTp2 + 1; i < bars.length && !exit; i++) {
      const b = bars[i];
      if (b.high >= trail) exit = [hhmm(b.time), 'stop_hit', Math.max(b.open, trail)];
      else if (b.low <= 165.9) exit = [hhmm(b.time), 'completed', 165.9];
      lowest = Math.min(lowest, b.low);
      trail = Math.min(trail, Math.round((lowest + 0.2) * 10000) / 10000);
    }
    expect(seen[seen.length - 1]).toEqual(exit);
    expect(state.status).toBe('closed');
    expect(state.r_multiple).toBeGreaterThan(0);
  });

  it('replay() gives the same deltas as feeding bars one at a time, and ignores already-seen bars', () => {
    const all = replay(plan, bars);
    let state = initialState(plan);
    const one: unknown[] = [];
    for (const b of bars) {
      const r = step(plan, state, b);
      const again = step(plan, r.state, b); // the same bar twice: no new delta
      expect(again.deltas).toEqual([]);
      state = r.state;
      one.push(...r.deltas);
      if (state.status === 'closed') break;
    }
    expect(all.deltas).toEqual(one);
  });

  it('invalidates a long breakout whose stop trades first; fills a pullback (limit) long when price comes down', () => {
    const breakout: FollowedPlan = { plan_id: 'x', direction: 'long', entry: 167.7, stop: 167.0, targets: [168.2], reference_price: 167.45 };
    const r = replay(breakout, bars);
    const iStop = bars.findIndex((b) => b.low <= 167.0);
    expect(bars.slice(0, iStop + 1).some((b) => b.high >= 167.7)).toBe(false);
    expect(r.deltas).toEqual([expect.objectContaining({ type: 'invalidated', bar_time: bars[iStop].time })]);
    const pullback: FollowedPlan = { plan_id: 'y', direction: 'long', entry: 167.2, stop: 166.9, targets: [167.6], reference_price: 167.45 };
    const p = replay(pullback, bars);
    const iFill = bars.findIndex((b) => b.low <= 167.2);
    expect(p.deltas[0]).toMatchObject({ type: 'entered', bar_time: bars[iFill].time, price: Math.min(167.2, bars[iFill].open) });
  });
});
