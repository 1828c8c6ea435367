/**
 * A plan with its enrichment block and event-gate findings: event_risk, blocked_by_event, warnings and
 * the blocking banner first. Pure; the plan service supplies the block (I/O) and the gate result.
 */
import type { Plan } from '../plan/plan.schema';
import type { EnrichmentBlock } from './enrichment.schema';
import type { EventGateResult } from './event-gate';

export function applyEventGate(plan: Plan, block: EnrichmentBlock, g: Pick<EventGateResult, 'event_risk' | 'blocked_by_event'>): Plan {
  const warnings = [...plan.warnings];
  if (block.enrichment_status === 'unavailable') warnings.push(`Event calendar unavailable (${block.reason ?? 'unknown'}): event gates incomplete — this is not "no events".`);
  for (const r of g.event_risk) warnings.push(`event_risk: ${r.event} at ${r.time} — ${r.reason}.`);
  const banners = [...plan.banners];
  const blocked = g.event_risk.find((r) => r.action === 'blocked');
  if (blocked) banners.unshift(`BLOCKED BY EVENT — ${blocked.event} at ${blocked.time}: ${blocked.reason}.`);
  if (block.banner && g.event_risk.length) banners.push(block.banner);
  const out: Plan = {
    ...plan,
    enrichment: block,
    event_risk: g.event_risk,
    blocked_by_event: g.blocked_by_event,
    warnings,
    banners,
    banner: banners[0] ?? null,
    meta: { ...plan.meta, banner: banners[0] ?? null },
  };
  return blocked ? { ...out, options_contracts: [], options_note: `Blocked by event window (${blocked.event}).` } : out;
}
