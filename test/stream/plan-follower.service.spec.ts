/**
 * The follower runner with fakes for the store, the provider chain, the symbol poller and the plan
 * service: catch-up then live bars, every delta persisted before it is published, auto-replan once.
 */
import type { FollowerState } from '../../src/core/follower';
import { samplePlan } from '../support/sample-plan';
import type { Bar } from '../../src/core/bars/bar';
import type { AppConfig } from '../../src/config/app-config';
import { NotFoundError } from '../../src/common/errors';
import type { IdeaRecord, IdeaStoreApi, PlanDeltaRecord } from '../../src/persistence/idea-store.types';
import type { MarketDataService } from '../../src/providers/chain';
import { PlanFollowerService, Replanner } from '../../src/modules/stream/plan-follower.service';
import { StreamBus, StreamEnvelope } from '../../src/modules/stream/stream-bus';
import type { SymbolPollerService } from '../../src/modules/stream/symbol-poller.service';

const T0 = Date.UTC(2024, 5, 12, 14, 0);
const bar = (i: number, open: number, high: number, low: number, close: number): Bar => ({ time: T0 + i * 60_000, open, high, low, close, volume: 100 });
const PAYLOAD = samplePlan({ symbol: 'SPY', interval: '1m', direction: 'long', entry: 101, stop: 99, targets: [103, 105], last_price: 100, as_of: new Date(T0 - 60_000).toISOString() });

function harness(opts: { replanner?: Replanner | 'missing'; history?: Bar[]; stored?: PlanDeltaRecord[] } = {}) {
  const log: string[] = [];
  const deltas: PlanDeltaRecord[] = [...(opts.stored ?? [])];
  const idea: IdeaRecord = { plan_id: 'P1', plan_version: 1, user_id: 'u', symbol: 'SPY', style: 'intraday', kind: 'live', payload: PAYLOAD, created_at: new Date(T0).toISOString() };
  const store = {
    get: async (user: string, id: string) => {
      if (user !== 'u' || id !== 'P1') throw new NotFoundError(`unknown plan ${id}`);
      return idea;
    },
    listDeltas: async (_u: string, _id: string, after = 0) => deltas.filter((d) => d.seq > after),
    appendDelta: async (_u: string, id: string, d: { type: string; payload: Record<string, unknown> }) => {
      await new Promise((r) => setTimeout(r, 1)); // a slow write must still come before the publish
      const rec = { plan_id: id, seq: deltas.length + 1, type: d.type, payload: d.payload, created_at: new Date().toISOString() };
      deltas.push(rec);
      log.push(`persist ${rec.seq}`);
      return rec;
    },
  } as unknown as IdeaStoreApi;
  const barRequests: Array<{ from?: number }> = [];
  const market = { getBars: async (req: { from?: number }) => (barRequests.push(req), { bars: (opts.history ?? []).filter((b) => b.time >= (req.from ?? 0)) }) } as unknown as MarketDataService;
  let onBar: ((b: Bar) => void) | undefined;
  let acquired = 0;
  let released = 0;
  const pollers = {
    acquire: (_s: string, cb: (b: Bar) => void) => {
      acquired++;
      onBar = cb;
      return () => void released++;
    },
  } as unknown as SymbolPollerService;
  const bus = new StreamBus({} as AppConfig);
  const published: StreamEnvelope[] = [];
  bus.subscribe({ plan_id: 'P1' }, (e) => (published.push(e), log.push(`publish ${e.event.version}`)));
  const replanCalls: unknown[] = [];
  const planner = opts.replanner;
  const replanner: Replanner | undefined = planner === 'missing' ? undefined : { generate: async (a) => (replanCalls.push(a), planner ? planner.generate(a) : { status: 'no_setup' }) };
  const svc = new PlanFollowerService(store, market, pollers, bus, replanner);
  const settle = async (n: number) => {
    for (let i = 0; i < 200 && deltas.length < n; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
  };
  return { svc, log, deltas, published, barRequests, replanCalls, push: (b: Bar) => onBar!(b), counts: () => ({ acquired, released }), settle };
}

describe('PlanFollowerService', () => {
  it('catches up from the plan’s bar, follows live bars, persists each delta before publishing it, and replans once', async () => {
    const next = { plan_id: 'P2', plan_version: 1 } as IdeaRecord;
    const h = harness({
      history: [bar(-1, 101.5, 102, 101.4, 101.8), bar(0, 100.5, 101.5, 100.4, 101.2), bar(1, 101.2, 103.2, 101.1, 103)],
      replanner: { generate: async () => ({ status: 'ok', record: next }) },
    });
    const [v1, v2] = await Promise.all([h.svc.watch('u', 'P1'), h.svc.watch('u', 'P1')]);
    expect(h.counts().acquired).toBe(1); // concurrent first subscribers share one follower
    expect(h.barRequests[0].from).toBe(T0); // catch-up starts with the bar after the plan’s bar (as_of + 1 m)
    expect(v1.state).toMatchObject({ status: 'triggered', fill_price: 101, stop: 101, targets_hit: 1 });
    expect(v2.state).toEqual(v1.state);
    expect(h.deltas.map((d) => d.type)).toEqual(['entered', 'target_hit', 'stop_moved']);

    h.push(bar(1, 101.2, 103.2, 101.1, 103)); // a bar already seen: nothing
    h.push(bar(2, 103, 105.5, 102.9, 105.2)); // tp2 = final target
    await h.settle(6);
    expect(h.deltas.map((d) => [d.seq, d.type])).toEqual([
      [1, 'entered'],
      [2, 'target_hit'],
      [3, 'stop_moved'],
      [4, 'target_hit'],
      [5, 'completed'],
      [6, 'replan'],
    ]);
    expect(h.published.map((e) => e.event.version)).toEqual([1, 2, 3, 4, 5, 6]);
    for (let v = 1; v <= 6; v++) expect(h.log.indexOf(`persist ${v}`)).toBeLessThan(h.log.indexOf(`publish ${v}`));
    expect(h.published[5].event).toMatchObject({ t: 'plan_delta', plan_id: 'P1', version: 6, reason: 'replan', changes: { next_plan_id: 'P2', next_plan_version: 1, coach_event: 'rearm' } });
    expect(h.replanCalls).toEqual([{ userId: 'u', symbol: 'SPY', style: 'intraday' }]);
    expect(h.counts().released).toBe(1); // the poller is released when the plan closes

    h.push(bar(3, 105, 106, 104, 105)); // closed: no more deltas, no second replan
    await new Promise((r) => setTimeout(r, 30));
    expect(h.deltas).toHaveLength(6);
  });

  it('announces no replan when the setup does not hold again or no plan module is present', async () => {
    for (const replanner of [undefined, 'missing'] as const) {
      const h = harness({ history: [bar(0, 100.5, 101.5, 98.5, 99)], replanner });
      const v = await h.svc.watch('u', 'P1');
      await h.settle(2);
      expect(v.state).toMatchObject({ status: 'closed', exit_reason: 'stop' });
      expect(h.deltas.map((d) => d.type)).toEqual(['entered', 'stop_hit']);
    }
  });

  it('resumes from the last stored state instead of replaying from the start', async () => {
    const closed: FollowerState = {
      status: 'closed',
      exit_reason: 'final_target',
      stop: 101,
      targets_hit: 2,
      last_bar_time: T0,
      fill_price: 101,
      fill_time: T0,
      exit_price: 105,
      exit_time: T0,
      extreme: 105,
      last_price: 105,
      r_multiple: 1.5,
    };
    const h = harness({ stored: [{ plan_id: 'P1', seq: 1, type: 'completed', payload: { state: closed }, created_at: '' }], history: [bar(0, 100.5, 101.5, 100.4, 101.2)] });
    const v = await h.svc.watch('u', 'P1');
    expect(v.state).toMatchObject({ status: 'closed' });
    expect(h.counts().acquired).toBe(0);
    expect(h.barRequests).toEqual([]);
  });

  it('rejects an unknown or another user’s plan with NotFoundError', async () => {
    const h = harness();
    await expect(h.svc.watch('someone-else', 'P1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.svc.watch('u', 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});
