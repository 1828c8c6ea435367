import type { OutcomeRow } from './outcome.types';

/** A filled long orb_retest/intraday row with neutral values; tests override what they need. */
export function outcomeRow(over: Partial<OutcomeRow> = {}): OutcomeRow {
  return {
    playbook: 'orb_retest',
    style: 'intraday',
    symbol: 'SPY',
    direction: 'long',
    plan_time: Date.parse('2021-03-01T15:00:00Z'),
    time_of_day: 'morning',
    rr: [1, 2, 3],
    stop_atr: 1,
    stop_bp: 20,
    tp1_atr: 1,
    regime: { trend: 'up', volatility: 'normal' },
    filled: true,
    fill_time: Date.parse('2021-03-01T15:05:00Z'),
    tp_hit: [false, false, false],
    exit_reason: 'stop',
    r_realised: -1,
    r_after_costs: -1.04,
    mae_r: -1,
    mfe_r: 0,
    bars_to_outcome: 1,
    resolved_at: Date.parse('2021-03-01T15:10:00Z'),
    data_source: 'replay',
    ...over,
  };
}
