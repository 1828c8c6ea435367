import { applyEventGate } from '../../src/core/events/apply-event-gate';
import type { EnrichmentBlock, EventRisk } from '../../src/core/events/enrichment.schema';
import { samplePlan } from '../support/sample-plan';

const block = (over: Partial<EnrichmentBlock> = {}): EnrichmentBlock => ({
  symbol: 'SPY',
  enrichment_status: 'ok',
  reason: null,
  window: { from: '2026-11-11T13:25:00.000Z', to: '2026-11-25T13:25:00.000Z' },
  parts: { macro: 'ok', earnings: 'not_applicable', sentiment: 'ok' },
  earnings: null,
  sentiment: null,
  macro_events: [],
  events: { label: 'macro_window', next_fomc_minutes: null, next_cpi_minutes: 5, next_nfp_minutes: null, within_event_window: true, source: 'synthetic' },
  sources: ['synthetic'],
  banner: 'SYNTHETIC EVENT CALENDAR',
  fetched_at: '2026-11-11T13:25:00.000Z',
  ...over,
});
const risk = (action: EventRisk['action']): EventRisk => ({
  kind: 'macro',
  event: 'CPI YoY',
  time: '2026-11-11T13:30:00.000Z',
  window: { start: '2026-11-11T13:20:00.000Z', end: '2026-11-11T13:40:00.000Z' },
  action,
  reason: 'r',
  source: 'synthetic',
});

describe('applyEventGate', () => {
  it('blocked: banner first, contracts removed with the note, warning listed', () => {
    const plan = { ...samplePlan(), options_contracts: [], options_note: 'x', banners: ['SYNTHETIC DATA'], banner: 'SYNTHETIC DATA' };
    const p = applyEventGate(plan, block(), { event_risk: [risk('blocked')], blocked_by_event: true });
    expect(p.blocked_by_event).toBe(true);
    expect(p.banners).toEqual(['BLOCKED BY EVENT — CPI YoY at 2026-11-11T13:30:00.000Z: r.', 'SYNTHETIC DATA', 'SYNTHETIC EVENT CALENDAR']);
    expect(p.banner).toBe(p.banners[0]);
    expect(p.meta.banner).toBe(p.banners[0]);
    expect(p.options_note).toBe('Blocked by event window (CPI YoY).');
    expect(p.warnings).toContain('event_risk: CPI YoY at 2026-11-11T13:30:00.000Z — r.');
  });

  it('warning only: banners and contracts untouched; unavailable calendar says it is not "no events"', () => {
    const plan = samplePlan();
    const w = applyEventGate(plan, block(), { event_risk: [risk('warning')], blocked_by_event: false });
    expect(w.banners).toEqual([...plan.banners, 'SYNTHETIC EVENT CALENDAR']);
    expect(w.options_note).toBe(plan.options_note);
    const u = applyEventGate(plan, block({ enrichment_status: 'unavailable', reason: 'macro: finnhub HTTP 500', banner: null }), { event_risk: [], blocked_by_event: false });
    expect(u.warnings.at(-1)).toBe('Event calendar unavailable (macro: finnhub HTTP 500): event gates incomplete — this is not "no events".');
    expect(u.banners).toEqual(plan.banners);
  });
});
