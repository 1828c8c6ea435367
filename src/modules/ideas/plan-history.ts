/**
 * GET /api/v1/ideas: the caller's plans with their outcome (docs/watchlists.md, "Plan history").
 * Query → store query (ET days, keyset cursor), store entries → wire items.
 */
import { UnprocessableError, ValidationFailedError } from '../../common/errors';
import { isCalendarDay } from '../../core/session/calendar-day';
import { readDeltaPayload } from '../../core/follower/delta-record';
import { addDays, etWallToUtc } from '../../core/session/et-time';
import { tickerOrFail } from '../../common/ticker-field';
import type { PlanHistoryEntry, PlanHistoryQuery } from '../../persistence/idea-store.types';
import type { PlanHistoryItemDto, PlanHistoryQueryDto } from './dto/plan-history.dto';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function bound(raw: string | undefined, field: 'from' | 'to'): number | undefined {
  if (raw === undefined) return undefined;
  const ms = DAY.test(raw) ? (field === 'from' ? etWallToUtc(raw, 0, 0) : etWallToUtc(addDays(raw, 1), 0, 0) - 1) : Date.parse(raw);
  if (!Number.isFinite(ms)) throw ValidationFailedError.field(field, 'must be YYYY-MM-DD or an ISO-8601 time with a zone');
  if (!isCalendarDay(raw)) throw UnprocessableError.field(field, 'is not a calendar day');
  return ms;
}

export const encodeHistoryCursor = (id: number) => Buffer.from(`p${id}`).toString('base64url');

function decodeCursor(c: string): number {
  const s = Buffer.from(c, 'base64url').toString();
  const m = /^p(\d{1,15})$/.exec(s);
  if (!m) throw UnprocessableError.field('cursor', 'must be a next_cursor value from a previous page');
  return Number(m[1]);
}

export function historyQuery(q: PlanHistoryQueryDto): PlanHistoryQuery {
  const fromMs = bound(q.from, 'from');
  const toMs = bound(q.to, 'to');
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) throw UnprocessableError.field('from', 'must not be after to');
  return {
    symbol: q.symbol !== undefined ? tickerOrFail(q.symbol, 'symbol') : undefined,
    fromMs,
    toMs,
    kind: q.kind,
    limit: q.limit ?? 20,
    beforeId: q.cursor !== undefined ? decodeCursor(q.cursor) : undefined,
  };
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const iso = (ms: number | null | undefined) => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null);

export function historyItem(e: PlanHistoryEntry): PlanHistoryItemDto {
  const p = e.latest.payload;
  const state = e.follower_state ? readDeltaPayload({ state: e.follower_state }).state : undefined;
  return {
    plan_id: e.latest.plan_id,
    version: e.latest.plan_version,
    symbol: e.latest.symbol,
    style: e.latest.style,
    kind: e.latest.kind,
    strategy_id: typeof p.strategy_id === 'string' ? p.strategy_id : null,
    direction: p.direction === 'long' || p.direction === 'short' ? p.direction : null,
    entry: num(p.entry),
    stop: num(p.stop),
    targets: Array.isArray(p.targets) ? p.targets.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)) : [],
    data_source: typeof p.data_source === 'string' ? p.data_source : null,
    created_at: e.first_created_at,
    updated_at: e.latest.created_at,
    outcome: state
      ? {
          status: state.status,
          exit_reason: state.exit_reason,
          r_multiple: state.r_multiple,
          targets_hit: state.targets_hit,
          fill_price: state.fill_price,
          fill_time: iso(state.fill_time),
          exit_price: state.exit_price,
          exit_time: iso(state.exit_time),
          last_event: e.last_delta_type,
          updated_at: e.last_delta_at,
        }
      : null,
  };
}
