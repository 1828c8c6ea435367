/**
 * Two follower instances on one store: only the lease holder follows bars and writes deltas; the
 * other serves its watchers from the store and takes over when the holder goes away.
 */
import { samplePlan } from '../support/sample-plan';
import type { Bar } from '../../src/core/bars/bar';
import type { AppConfig } from '../../src/config/app-config';
import type { FollowLeaseApi } from '../../src/persistence/follow-lease.types';
import type { IdeaRecord, IdeaStoreApi, PlanDeltaRecord } from '../../src/persistence/idea-store.types';
import type { MarketDataService } from '../../src/providers/chain';
import { PlanFollowerService } from '../../src/modules/stream/plan-follower.service';
import { StreamBus } from '../../src/modules/stream/stream-bus';
import type { SymbolPollerService } from '../../src/modules/stream/symbol-poller.service';

const T0 = Date.UTC(2024, 5, 12, 14, 0);
const bar = (i: number, o: number, h: number, l: number, c: number): Bar => ({ time: T0 + i * 60_000, open: o, high: h, low: l, close: c, volume: 100 });
const PAYLOAD = samplePlan({ symbol: 'SPY', interval: '1m', direction: 'long', entry: 101, stop: 99, targets: [103, 105], last_price: 100, as_of: new Date(T0 - 60_000).toISOString() });

function shared() {
  const deltas: PlanDeltaRecord[] = [];
  const idea: IdeaRecord = { plan_id: 'P1', plan_version: 1, user_id: 'u', symbol: 'SPY', style: 'intraday', kind: 'live', payload: PAYLOAD, created_at: new Date(T0).toISOString() };
  const store = {
    get: async () => idea,
    listDeltas: async (_u: string, _id: string, after = 0) => deltas.filter((d) => d.seq > after),
    appendDelta: async (_u: string, id: string, d: { type: string; payload: Record<string, unknown> }) => {
      const rec = { plan_id: id, seq: deltas.length + 1, type: d.type, payload: d.payload, created_at: new Date().toISOString() };
      deltas.push(rec);
      return rec;
    },
  } as unknown as IdeaStoreApi;
  const held = new Map<string, string>();
  const leases: FollowLeaseApi = {
    acquireFollowLease: async (p, who) => (held.has(p) && held.get(p) !== who ? false : (held.set(p, who), true)),
    renewFollowLease: async (p, who) => held.get(p) === who,
    releaseFollowLease: async (p, who) => void (held.get(p) === who && held.delete(p)),
    followLeaseHolder: async (p) => held.get(p) ?? null,
  };
  return { deltas, store, leases, held };
}

function instance(s: ReturnType<typeof shared>, history: Bar[]) {
  let onBar: ((b: Bar) => void) | undefined;
  let acquired = 0;
  const market = { getBars: async (q: { from?: number }) => ({ bars: history.filter((b) => b.time >= (q.from ?? 0)) }) } as unknown as MarketDataService;
  const pollers = { acquire: (_s: string, cb: (b: Bar) => void) => ((acquired++, (onBar = cb)), () => (onBar = undefined)) } as unknown as SymbolPollerService;
  const svc = new PlanFollowerService(s.store, market, pollers, new StreamBus({} as AppConfig), { generate: async () => ({ status: 'no_setup' }) }, s.leases);
  return { svc, acquired: () => acquired, push: (b: Bar) => onBar?.(b) };
}

describe('PlanFollowerService with follow leases', () => {
  it('one instance follows; the other does not write deltas, and takes over after the holder stops', async () => {
    const s = shared();
    const history = [bar(0, 100.5, 101.5, 100.4, 101.2)]; // enters at 101
    const a = instance(s, history);
    const b = instance(s, history);
    const va = await a.svc.watch('u', 'P1');
    const vb = await b.svc.watch('u', 'P1');
    expect(s.held.get('P1')).toBe(a.svc.instanceId);
    expect([a.acquired(), b.acquired()]).toEqual([1, 0]); // only the holder polls bars
    expect(s.deltas.map((d) => d.type)).toEqual(['entered']); // written once, by A
    expect(vb.state).toEqual(va.state); // B serves the state A wrote
    b.push(bar(1, 101.2, 103.2, 101.1, 103)); // B has no poller: nothing is fed there
    await b.svc.leaseTick(); // A still holds the lease: B stays a watcher
    expect(b.acquired()).toBe(0);

    await a.svc.onModuleDestroy(); // A stops and releases its lease
    expect(s.held.has('P1')).toBe(false);
    await b.svc.leaseTick();
    expect(s.held.get('P1')).toBe(b.svc.instanceId);
    expect(b.acquired()).toBe(1);
    b.push(bar(1, 101.2, 103.2, 101.1, 103)); // target 1
    await new Promise((r) => setTimeout(r, 30));
    expect(s.deltas.map((d) => d.type)).toEqual(['entered', 'target_hit', 'stop_moved']); // B continued from A's state, no repeat
    await b.svc.onModuleDestroy();
  });
});
