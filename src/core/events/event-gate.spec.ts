import { etWallToUtc } from '../session/et-time';
import type { EarningsWire, MacroEventWire } from './enrichment.schema';
import { evaluateEventGate, holdingHorizon } from './event-gate';
import { earningsReleaseMs } from './macro-kind';

const cpi = (time: string, kind: MacroEventWire['kind'] = 'CPI', impact: MacroEventWire['impact'] = 'high'): MacroEventWire => ({
  event: 'CPI YoY',
  kind,
  time,
  impact,
  consensus: null,
  previous: null,
  actual: null,
  unit: null,
  country: 'US',
  minutes_to_event: 0,
  source: 'synthetic',
  fetched_at: time,
});
// Wednesday 2026-12-09, CPI 08:30 ET = 13:30Z (EST)
const CPI = '2026-12-09T13:30:00.000Z';
const at = (h: number, m: number, d = '2026-12-09') => etWallToUtc(d, h, m);
const index = { broad_market: true, single_stock: false };

describe('event gate', () => {
  it('08:25 ET on a CPI day: scalp and intraday blocked, swing warned', () => {
    for (const style of ['scalp', 'intraday'] as const) {
      const g = evaluateEventGate({ style, now_ms: at(8, 25), ...index, macro: [cpi(CPI)], earnings: null });
      expect(g.blocked_by_event).toBe(true);
      expect(g.event_risk).toEqual([expect.objectContaining({ kind: 'macro', action: 'blocked', window: { start: '2026-12-09T13:20:00.000Z', end: '2026-12-09T13:40:00.000Z' } })]);
    }
    const swing = evaluateEventGate({ style: 'swing', now_ms: at(8, 25), ...index, macro: [cpi(CPI)], earnings: null });
    expect(swing.blocked_by_event).toBe(false);
    expect(swing.event_risk).toEqual([expect.objectContaining({ action: 'warning', time: CPI })]);
  });

  it('half-open ±10 min window: 08:20 blocked, 08:40 not (then CPI is behind: no risk), 08:19 warned only', () => {
    expect(evaluateEventGate({ style: 'scalp', now_ms: at(8, 20), ...index, macro: [cpi(CPI)], earnings: null }).blocked_by_event).toBe(true);
    expect(evaluateEventGate({ style: 'scalp', now_ms: at(8, 39) + 59_999, ...index, macro: [cpi(CPI)], earnings: null }).blocked_by_event).toBe(true);
    const after = evaluateEventGate({ style: 'scalp', now_ms: at(8, 40), ...index, macro: [cpi(CPI)], earnings: null });
    expect(after).toMatchObject({ blocked_by_event: false, event_risk: [] });
    const before = evaluateEventGate({ style: 'scalp', now_ms: at(8, 19), ...index, macro: [cpi(CPI)], earnings: null });
    expect(before.blocked_by_event).toBe(false);
    expect(before.event_risk.map((r) => r.action)).toEqual(['warning']); // still inside the session horizon
    expect(evaluateEventGate({ style: 'scalp', now_ms: at(8, 25), ...index, macro: [cpi(CPI)], earnings: null, block_minutes: 3 }).blocked_by_event).toBe(false);
  });

  it('macro gates apply to index/broad ETFs only; low impact and OTHER never block', () => {
    expect(evaluateEventGate({ style: 'scalp', now_ms: at(8, 25), broad_market: false, single_stock: true, macro: [cpi(CPI)], earnings: null }).event_risk).toEqual([]);
    expect(evaluateEventGate({ style: 'scalp', now_ms: at(8, 25), ...index, macro: [cpi(CPI, 'CPI', 'medium')], earnings: null }).event_risk).toEqual([]);
    const other = evaluateEventGate({ style: 'scalp', now_ms: at(8, 25), ...index, macro: [cpi(CPI, 'OTHER')], earnings: null });
    expect(other.blocked_by_event).toBe(false);
  });

  it('earnings tomorrow after the close: swing gets event_risk, intraday today does not', () => {
    // Tuesday 2026-12-08 11:00 ET; earnings Wednesday 12-09 amc = 16:05 ET
    const e: EarningsWire = {
      symbol: 'AAPL',
      date: '2026-12-09',
      hour: 'amc',
      release_time: new Date(earningsReleaseMs('2026-12-09', 'amc')).toISOString(),
      eps_estimate: 1.6,
      revenue_estimate: null,
      source: 'user_file',
      fetched_at: CPI,
    };
    const stock = { broad_market: false, single_stock: true, macro: [cpi(CPI)] };
    const swing = evaluateEventGate({ style: 'swing', now_ms: at(11, 0, '2026-12-08'), ...stock, earnings: e });
    expect(swing.event_risk).toEqual([expect.objectContaining({ kind: 'earnings', action: 'warning', time: '2026-12-09T21:05:00.000Z' })]);
    expect(evaluateEventGate({ style: 'intraday', now_ms: at(11, 0, '2026-12-08'), ...stock, earnings: e }).event_risk).toEqual([]);
    // on the day, a during-market release blocks intraday
    const dmh = { ...e, hour: 'dmh' as const, release_time: new Date(earningsReleaseMs('2026-12-09', 'dmh')).toISOString() };
    expect(evaluateEventGate({ style: 'intraday', now_ms: at(10, 0), ...stock, earnings: dmh }).blocked_by_event).toBe(true);
  });

  it('horizons on the exchange calendar', () => {
    // after the close on Wednesday 2026-11-25: next session is Friday 11-27 (Thanksgiving), an early close at 13:00 ET
    const h = holdingHorizon('intraday', at(17, 0, '2026-11-25'));
    expect(new Date(h.end).toISOString()).toBe('2026-11-27T18:00:00.000Z');
    // swing from Monday 2026-12-07 10:00: five sessions → Friday 12-11 16:00 ET
    expect(new Date(holdingHorizon('swing', at(10, 0, '2026-12-07')).end).toISOString()).toBe('2026-12-11T21:00:00.000Z');
  });
});
