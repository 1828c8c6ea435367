import type { Bar } from '../bars/bar';
import { entryType, initialState, replay, step, validPlan } from './plan-follower';
import type { FollowedPlan } from './follower.types';

const T0 = Date.UTC(2024, 5, 12, 14, 0);
/** Hand-written bars, one minute apart: [open, high, low, close]. */
const series = (rows: Array<[number, number, number, number]>): Bar[] => rows.map(([open, high, low, close], i) => ({ time: T0 + i * 60_000, open, high, low, close, volume: 1000 }));

// long breakout: buy 101 stop 99 (risk 2), targets 103 / 105 / 107, ATR 1
const LONG: FollowedPlan = { plan_id: 'p', direction: 'long', entry: 101, stop: 99, targets: [103, 105, 107], atr: 1, reference_price: 100 };

describe('plan follower rules (hand-built bars)', () => {
  it('stays pending until the entry trades, then fills at the entry', () => {
    const r = replay(
      LONG,
      series([
        [100, 100.5, 99.5, 100.2],
        [100.2, 101.2, 100.1, 101],
      ]),
    );
    expect(r.deltas.map((d) => [d.type, d.price, d.bar_time])).toEqual([['entered', 101, T0 + 60_000]]);
    expect(r.state).toMatchObject({ status: 'triggered', fill_price: 101, stop: 99, targets_hit: 0 });
  });

  it('fills at the open when the bar gaps beyond a breakout entry', () => {
    const r = replay(LONG, series([[101.6, 102, 101.5, 101.8]]));
    expect(r.deltas[0]).toMatchObject({ type: 'entered', price: 101.6 });
  });

  it('checks the stop before targets when one bar contains both (conservative)', () => {
    // entry bar, then a bar whose range spans the stop 99 and tp1 103
    const r = replay(
      LONG,
      series([
        [100.5, 101.5, 100.4, 101.2],
        [101, 103.5, 98.5, 100],
      ]),
    );
    expect(r.deltas.map((d) => d.type)).toEqual(['entered', 'stop_hit']);
    expect(r.state).toMatchObject({ status: 'closed', exit_reason: 'stop', exit_price: 99, r_multiple: -1 });
  });

  it('tp1 moves the stop to break-even; a later return to the fill closes at break-even (0 R)', () => {
    const r = replay(
      LONG,
      series([
        [100.5, 101.5, 100.4, 101.2],
        [101.2, 103.2, 101.1, 103],
        [103, 103.1, 100.8, 101],
      ]),
    );
    expect(r.deltas.map((d) => [d.type, d.price])).toEqual([
      ['entered', 101],
      ['target_hit', 103],
      ['stop_moved', 101],
      ['stop_hit', 101],
    ]);
    expect(r.state).toMatchObject({ exit_reason: 'breakeven_stop', r_multiple: 0 });
  });

  it('after tp2 the stop trails the best high by 1 ATR and never loosens; the trail closes the trade', () => {
    const bars = series([
      [100.5, 101.5, 100.4, 101.2], // entered 101
      [101.2, 105.2, 101.1, 105], // tp1 103, tp2 105 → BE 101, trail 105.2 − 1 = 104.2
      [105, 106, 104.9, 105.5], // best 106 → trail 105
      [105.5, 105.8, 105.1, 105.3], // no new high: stop stays 105
      [105.3, 105.4, 104.6, 104.8], // low 104.6 ≤ 105 → trail stop at 105
    ]);
    const r = replay(LONG, bars);
    expect(r.deltas.map((d) => [d.type, d.price])).toEqual([
      ['entered', 101],
      ['target_hit', 103],
      ['stop_moved', 101],
      ['target_hit', 105],
      ['trail_adjusted', 104.2],
      ['trail_adjusted', 105],
      ['stop_hit', 105],
    ]);
    expect(r.state).toMatchObject({ exit_reason: 'trail_stop', r_multiple: 2 });
  });

  it('the last target completes the plan', () => {
    const r = replay(
      LONG,
      series([
        [100.5, 101.5, 100.4, 101.2],
        [101.2, 107.5, 101.1, 107],
      ]),
    );
    expect(r.deltas.map((d) => d.type)).toEqual(['entered', 'target_hit', 'stop_moved', 'target_hit', 'target_hit', 'completed']);
    expect(r.state).toMatchObject({ exit_reason: 'final_target', exit_price: 107, r_multiple: 3 });
  });

  it('a breakout whose stop trades before the entry is invalidated; a pending plan expires at the time stop', () => {
    expect(replay(LONG, series([[100, 100.2, 98.8, 99]])).deltas.map((d) => d.type)).toEqual(['invalidated']);
    const timed = { ...LONG, time_stop: T0 + 60_000 };
    const r = replay(
      timed,
      series([
        [100, 100.2, 99.5, 100],
        [100, 100.2, 99.5, 100],
      ]),
    );
    expect(r.state).toMatchObject({ status: 'closed', exit_reason: 'expired', r_multiple: null });
  });

  it('a triggered plan is closed at the bar close by the time stop', () => {
    const timed = { ...LONG, time_stop: T0 + 60_000 };
    const r = replay(
      timed,
      series([
        [100.5, 101.5, 100.4, 101.2],
        [101.2, 102, 101, 101.9],
      ]),
    );
    expect(r.state).toMatchObject({ exit_reason: 'time_stop', exit_price: 101.9, r_multiple: 0.45 });
  });

  it('mirrors for shorts and infers pullback (limit) entries from the reference price', () => {
    const short: FollowedPlan = { plan_id: 's', direction: 'short', entry: 99, stop: 101, targets: [97], reference_price: 100 };
    expect(entryType(short)).toBe('stop');
    expect(entryType({ ...short, entry: 100.5, stop: 102, reference_price: 100 })).toBe('limit');
    const r = replay(
      short,
      series([
        [99.5, 99.6, 98.9, 99],
        [99, 99.2, 96.9, 97],
      ]),
    );
    expect(r.deltas.map((d) => d.type)).toEqual(['entered', 'target_hit', 'completed']);
    expect(r.state.r_multiple).toBe(1);
  });

  it('ignores malformed plans and bars, bars before start_time and bars already seen', () => {
    expect(validPlan({ ...LONG, stop: 102 })).toBe(false);
    expect(validPlan({ ...LONG, targets: [] })).toBe(false);
    expect(validPlan({ ...LONG, targets: [103, 102] })).toBe(false);
    expect(validPlan({ ...LONG, entry: NaN })).toBe(false);
    const s0 = initialState(LONG);
    expect(step({ ...LONG, stop: 102 }, s0, series([[100.5, 101.5, 100.4, 101.2]])[0]).deltas).toEqual([]);
    expect(step(LONG, s0, { time: T0, open: NaN, high: 102, low: 100, close: 101, volume: 0 }).deltas).toEqual([]);
    expect(step({ ...LONG, start_time: T0 + 1 }, s0, series([[100.5, 101.5, 100.4, 101.2]])[0]).deltas).toEqual([]);
    expect(replay(LONG, []).deltas).toEqual([]);
  });
});
