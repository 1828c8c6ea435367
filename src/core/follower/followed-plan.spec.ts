import { samplePlan } from '../../../test/support/sample-plan';
import { followedPlanFrom, nextRegularOpen } from './followed-plan';
import { step, initialState } from './plan-follower';

const stored = (over: Parameters<typeof samplePlan>[0]) => ({ ...samplePlan(over), plan_id: 'P', version: 1, plan_version: 1 });

describe('followedPlanFrom: the live follower uses the calibrated event rules', () => {
  it('an intraday plan starts after its as-of bar, moves on regular bars only and ends at the session close', () => {
    // as-of 5m bar 2024-06-12 14:30 UTC (10:30 ET): follow from 10:35 ET; the session closes 16:00 ET = 20:00 UTC
    const f = followedPlanFrom(stored({ style: 'intraday', interval: '5m', as_of_bar_time: '2024-06-12T14:30:00.000Z' }))!;
    expect(f.start_time).toBe(Date.parse('2024-06-12T14:35:00Z'));
    expect(f.time_stop).toBe(Date.parse('2024-06-12T19:59:00Z'));
    expect(f.regular_only).toBe(true);
    // a pre-market print through the entry (101) does not fill it
    const pre = { time: Date.parse('2024-06-13T12:00:00Z'), open: 100, high: 102, low: 100, close: 101.5, volume: 1 };
    expect(step({ ...f, start_time: 0, time_stop: undefined }, initialState(f), pre).state.status).toBe('pending');
  });

  it('a next-session conditional plan starts at the next regular open (Friday evening → Monday 09:30 ET)', () => {
    // Friday 2024-06-14 15:55 ET bar; the next open is Monday 2024-06-17 09:30 ET = 13:30 UTC
    const f = followedPlanFrom(stored({ style: 'intraday', interval: '5m', planning_context: 'next_session', as_of_bar_time: '2024-06-14T19:55:00.000Z' }))!;
    expect(f.start_time).toBe(Date.parse('2024-06-17T13:30:00Z'));
    expect(f.time_stop).toBe(Date.parse('2024-06-17T19:59:00Z'));
    expect(nextRegularOpen(Date.parse('2024-06-17T12:00:00Z'))).toBe(Date.parse('2024-06-17T13:30:00Z'));
  });
});
