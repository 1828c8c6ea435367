import { resampleBars } from '../../src/core/bars/resample';
import { replayDay, WARMUP_SESSIONS } from '../../src/core/calibration/calibration-run';
import { daysOfMinutes } from '../../src/core/calibration/csv-days';
import { replayOutcomes } from '../../src/core/calibration/replay-outcomes';
import { etDate } from '../../src/core/session/et-time';
import { sessionTag } from '../../src/core/session/session';
import { fixtureBars } from '../support/bars';

const regular = (f: string) => fixtureBars(f).filter((b) => sessionTag(b.time) === 'regular');

describe('calibration warm-up: more history before the first evaluated day changes nothing', () => {
  const src = daysOfMinutes('SPY', 'fixture', regular('lumibot_spy_1m_ext_2021-07-01_2021-08-13.csv'));

  it.each(['scalp', 'intraday'] as const)('%s: the rows of a day are the same with the standard warm-up or 4 more sessions', (style) => {
    let compared = 0;
    const more = WARMUP_SESSIONS[style] + 4;
    for (const k of [12, 20, 26]) {
      const day = src.days[k];
      const standard = replayDay(src, k, style);
      const window = src.days.slice(k - more, k + 1).flatMap((d) => src.minutes(d));
      const intraday = style === 'scalp' ? { '1m': window } : { '5m': resampleBars(window, '5m') };
      const withSix = replayOutcomes({ symbol: 'SPY', style, data_source: 'fixture', intraday, warmup: style === 'scalp' ? 30 : 12 }).filter((r) => etDate(r.plan_time) === day);
      expect(withSix).toEqual(standard);
      compared += standard.length;
    }
    expect(compared).toBeGreaterThan(5);
  });
});

describe('one plan’s outcome, checked by hand bar by bar (SPY 2013-10-04, real minutes)', () => {
  it('orb_retest scalp long at 10:20 ET: limit fill at the entry, no stop, TP1 then TP2', () => {
    const minutes = regular('lean_spy_1m_2013-10-04_2013-10-11.csv');
    const rows = replayOutcomes({ symbol: 'SPY', style: 'scalp', data_source: 'fixture', intraday: { '1m': minutes } });
    const row = rows.find((r) => r.plan_time === Date.parse('2013-10-04T14:20:00Z') && r.playbook === 'orb_retest')!;
    expect(row.levels).toEqual({ entry: 168.36, stop: 168.2, targets: [168.57, 168.65], entry_type: 'limit' });
    // The bars after the plan bar (UTC; 14:21 is 10:21 ET), from the recording:
    //   14:21 O 168.36 H 168.37 L 168.27 → a pullback (limit) entry fills when price trades at or below 168.36: filled at 168.36
    //         (the open is not below the entry, so the fill is the entry itself); low 168.27 > stop 168.20: no stop
    //   14:22–14:36 lows 168.24 … 168.46, never ≤ 168.20; highs ≤ 168.55 < TP1 168.57
    //   14:37 H 168.62 ≥ TP1 168.57 → TP1 touched before the stop (stop moves to break-even 168.36); low 168.51 > 168.36
    //   14:38 H 168.65 ≥ TP2 168.65 → final target: closed at 168.65
    const bar = (hhmm: string) => minutes.find((b) => b.time === Date.parse(`2013-10-04T${hhmm}:00Z`))!;
    expect([bar('14:21').open, bar('14:21').low]).toEqual([168.36, 168.27]);
    expect(Math.min(...minutes.filter((b) => b.time >= Date.parse('2013-10-04T14:21:00Z') && b.time <= Date.parse('2013-10-04T14:38:00Z')).map((b) => b.low))).toBe(168.24);
    expect([bar('14:36').high, bar('14:37').high, bar('14:38').high]).toEqual([168.55, 168.62, 168.65]);
    expect(row).toMatchObject({
      direction: 'long',
      filled: true,
      fill_time: Date.parse('2013-10-04T14:21:00Z'),
      tp_hit: [true, true, false],
      exit_reason: 'tp_final',
      // R = (168.65 − 168.36) / (168.36 − 168.20) = 0.29 / 0.16 = 1.8125
      r_realised: 1.81,
      // costs 1¢ commission + 1¢ slippage per share per side = 0.04 / 0.16 = 0.25 R → 1.5625
      r_after_costs: 1.56,
      // worst low after the fill 168.24: (168.24 − 168.36) / 0.16 = −0.75 R; best high 168.65: +1.81 R
      mae_r: -0.75,
      mfe_r: 1.81,
      rr: [1.31, 1.81],
      // plan bar 14:20 → settling bar 14:38: 18 bars; known at the end of that bar
      bars_to_outcome: 18,
      resolved_at: Date.parse('2013-10-04T14:39:00Z'),
    });
  });
});
