import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Bar } from '../../core/bars/bar';
import { readDeltaPayload } from '../../core/follower/delta-record';
import { followedPlanFrom } from '../../core/follower/followed-plan';
import { snapshotOf } from '../../core/plan/plan-snapshot';
import { FollowedPlan, FollowerDelta, FollowerState, initialState, step } from '../../core/follower';
import { FOLLOW_LEASES, FollowLeaseApi } from '../../persistence/follow-lease.types';
import { IDEA_STORE, IdeaRecord, IdeaStoreApi, PlanDeltaRecord } from '../../persistence/idea-store.types';
import { MarketDataService } from '../../providers/chain';
import type { Style } from '../../core/strategies/strategy.types';
import { REPLANNER, type Replanner } from '../plan/replanner';
import { StreamBus } from './stream-bus';
import { SymbolPollerService } from './symbol-poller.service';

export type { Replanner } from '../plan/replanner';

interface Followed {
  userId: string;
  plan: FollowedPlan;
  /** The plan version being followed (part of each delta's dedupe key). */
  version: number;
  /** This instance holds the plan's follow lease (follows bars); otherwise another instance does. */
  owned: boolean;
  symbol: string;
  style: string;
  state: FollowerState;
  release: () => void;
  queue: Promise<void>;
  replanned: boolean;
}

/** A plan's follower state as sent to clients. */
export interface PlanStateView {
  plan_id: string;
  followable: boolean;
  state: FollowerState | null;
}

/** The follower's view of a stored plan (typed snapshot; a damaged row is snapshot_unreadable); null when it has no tradable geometry. */
export function followedPlanOf(idea: IdeaRecord): FollowedPlan | null {
  return followedPlanFrom(snapshotOf(idea));
}

/**
 * Follows plans while clients watch them: replays the 1-minute bars since the plan was made (catch-up),
 * then feeds each new closed bar from the symbol poller through the pure follower. Every transition is
 * persisted as a plan delta (seq = version) BEFORE it is published, so a reconnecting client can catch
 * up from the store. When a plan closes, one auto-replan is attempted through the plan service.
 */
@Injectable()
export class PlanFollowerService implements OnModuleDestroy {
  private readonly log = new Logger(PlanFollowerService.name);
  private readonly followed = new Map<string, Followed>();
  /** Plans being set up, so concurrent first subscribers share one follower. */
  private readonly starting = new Map<string, Promise<Followed | null>>();
  private readonly watchers = new Map<string, number>();
  /** This process's name in follow leases. */
  readonly instanceId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  static readonly LEASE_TTL_MS = 30_000;
  private leaseTimer?: NodeJS.Timeout;

  constructor(
    @Inject(IDEA_STORE) private readonly store: IdeaStoreApi,
    private readonly market: MarketDataService,
    private readonly pollers: SymbolPollerService,
    private readonly bus: StreamBus,
    @Optional() @Inject(REPLANNER) private readonly replanner?: Replanner,
    /** One follower per plan across instances; without it (unit tests) this instance follows everything. */
    @Optional() @Inject(FOLLOW_LEASES) private readonly leases?: FollowLeaseApi,
  ) {}

  private async tryLease(planId: string): Promise<boolean> {
    if (!this.leases) return true;
    try {
      return await this.leases.acquireFollowLease(planId, this.instanceId, PlanFollowerService.LEASE_TTL_MS);
    } catch (e) {
      this.log.warn(`follow lease ${planId}: ${(e as Error).message}`);
      return false;
    }
  }

  /** Every TTL/3: renew held leases (stop following a lost one), try to take over the others. */
  private startLeaseTimer() {
    if (!this.leases || this.leaseTimer) return;
    this.leaseTimer = setInterval(() => void this.leaseTick(), PlanFollowerService.LEASE_TTL_MS / 3);
    this.leaseTimer.unref();
  }

  /** One lease round (public for tests). */
  async leaseTick(): Promise<void> {
    if (!this.leases) return;
    for (const [planId, f] of this.followed) {
      if (f.state.status === 'closed') continue;
      if (f.owned) {
        const kept = await this.leases.renewFollowLease(planId, this.instanceId, PlanFollowerService.LEASE_TTL_MS).catch(() => true);
        if (!kept) {
          f.owned = false;
          f.release();
          f.release = () => undefined;
        }
      } else if (await this.tryLease(planId)) {
        await this.restore(f, planId);
        this.follow(f, planId);
      }
    }
  }

  /** Reload the state another instance wrote (a plan this instance watches but does not follow). */
  private async restore(f: Followed, planId: string): Promise<void> {
    const deltas = await this.store.listDeltas(f.userId, planId);
    const restored = (deltas[deltas.length - 1]?.payload as { state?: FollowerState } | undefined)?.state;
    if (restored) f.state = restored;
    f.replanned ||= deltas.some((d) => d.type === 'replan');
  }

  /** Take the bars: catch up from the store's state, then the symbol poller. */
  private follow(f: Followed, planId: string) {
    f.owned = true;
    if (f.state.status === 'closed') return;
    f.queue = f.queue.then(() => this.catchUp(planId)).catch((e) => this.log.warn(`catch-up ${planId}: ${(e as Error).message}`));
    f.release = this.pollers.acquire(f.symbol, (bar) => this.enqueue(planId, [bar]));
  }

  /** Start following (idempotent per plan on this instance). Returns the current view. */
  async watch(userId: string, planId: string): Promise<PlanStateView> {
    let pending = this.starting.get(planId);
    if (!pending && !this.followed.has(planId)) {
      pending = this.start(userId, planId).finally(() => this.starting.delete(planId));
      this.starting.set(planId, pending);
    }
    const f = pending ? await pending : this.followed.get(planId);
    this.watchers.set(planId, (this.watchers.get(planId) ?? 0) + 1);
    if (!f) return { plan_id: planId, followable: false, state: null };
    if (!f.owned && !pending) await this.restore(f, planId).catch(() => undefined);
    await f.queue;
    return { plan_id: planId, followable: true, state: f.state };
  }

  private async start(userId: string, planId: string): Promise<Followed | null> {
    const idea = await this.store.get(userId, planId);
    const plan = followedPlanOf(idea);
    if (!plan) return null;
    const deltas = await this.store.listDeltas(userId, planId);
    const last = deltas[deltas.length - 1];
    const restored: FollowerState | undefined = last ? readDeltaPayload(last.payload).state : undefined;
    const f: Followed = {
      userId,
      plan,
      version: idea.plan_version,
      owned: false,
      symbol: idea.symbol,
      style: idea.style,
      state: restored ?? initialState(plan),
      release: () => undefined,
      queue: Promise.resolve(),
      replanned: deltas.some((d) => d.type === 'replan'),
    };
    this.followed.set(planId, f);
    if (f.state.status !== 'closed') {
      this.startLeaseTimer();
      // another instance holding the lease follows the bars; this one serves its watchers from the store
      if (await this.tryLease(planId)) this.follow(f, planId);
    }
    return f;
  }

  /**
   * A client stopped watching. The plan stays followed until it closes, so deltas keep being recorded
   * for clients that reconnect later (`last_version`).
   */
  unwatch(planId: string): void {
    const n = (this.watchers.get(planId) ?? 1) - 1;
    if (n > 0) this.watchers.set(planId, n);
    else this.watchers.delete(planId);
  }

  /** Plans followed on this instance (for diagnostics and tests). */
  get active(): string[] {
    return [...this.followed.keys()];
  }

  private async catchUp(planId: string): Promise<void> {
    const f = this.followed.get(planId);
    if (!f) return;
    // the first bar not yet seen: after the last processed bar, else the plan's first bar
    const from = f.state.last_bar_time !== null ? f.state.last_bar_time + 1 : f.plan.start_time;
    const res = await this.market.getBars({ symbol: f.symbol, interval: '1m', from, limit: 5000 });
    await this.feed(planId, res.bars);
  }

  private enqueue(planId: string, bars: Bar[]) {
    const f = this.followed.get(planId);
    if (!f) return;
    f.queue = f.queue.then(() => this.feed(planId, bars)).catch((e) => this.log.warn(`follow ${planId}: ${(e as Error).message}`));
  }

  private async feed(planId: string, bars: readonly Bar[]): Promise<void> {
    const f = this.followed.get(planId);
    if (!f || !f.owned) return;
    for (const bar of bars) {
      if (f.state.status === 'closed') break;
      const r = step(f.plan, f.state, bar);
      f.state = r.state;
      for (const d of r.deltas) await this.emit(f, planId, d);
    }
    if (f.state.status === 'closed') {
      f.release();
      if (!f.replanned) await this.replan(f, planId);
      await this.leases?.releaseFollowLease(planId, this.instanceId).catch(() => undefined);
    }
  }

  private async emit(f: Followed, planId: string, d: FollowerDelta): Promise<PlanDeltaRecord> {
    const rec = await this.store.appendDelta(
      f.userId,
      planId,
      { type: d.type, payload: { ...d, state: f.state } },
      { dedupeKey: `${d.type}@${d.bar_time}@${d.price}`, barTime: d.bar_time, planVersion: f.version },
    );
    if (!rec.deduplicated) this.bus.publish({ plan_id: planId, event: deltaEvent(rec) });
    return rec;
  }

  private async replan(f: Followed, planId: string): Promise<void> {
    f.replanned = true;
    if (!this.replanner) return; // no plan module in this app
    try {
      const out = await this.replanner.generate({ userId: f.userId, symbol: f.symbol, style: f.style as Style });
      if (out.status !== 'ok' || !out.record) return; // the setup's conditions do not hold again
      const rec = await this.store.appendDelta(
        f.userId,
        planId,
        {
          type: 'replan',
          payload: {
            type: 'replan',
            changes: { status: 'auto_replanned', coach_event: 'rearm', next_plan_id: out.record.plan_id, next_plan_version: out.record.plan_version, next_plan_style: f.style },
            note: `Plan ${f.state.exit_reason}; the setup holds again — new plan ${out.record.plan_id} v${out.record.plan_version}.`,
            state: f.state,
          },
        },
        { dedupeKey: `replan@${f.state.exit_time}`, barTime: f.state.exit_time ?? undefined, planVersion: f.version },
      );
      if (!rec.deduplicated) this.bus.publish({ plan_id: planId, event: deltaEvent(rec) });
    } catch (e) {
      this.log.warn(`replan ${planId}: ${(e as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    const owned = [...this.followed].filter(([, f]) => f.owned).map(([id]) => id);
    for (const f of this.followed.values()) f.release();
    this.followed.clear();
    const leases = this.leases;
    if (leases) await Promise.all(owned.map((id) => leases.releaseFollowLease(id, this.instanceId).catch(() => undefined)));
  }
}

/** The `plan_delta` event for a stored delta (version = its sequence number). */
export function deltaEvent(rec: PlanDeltaRecord) {
  const p = readDeltaPayload(rec.payload);
  return {
    t: 'plan_delta',
    plan_id: rec.plan_id,
    version: rec.seq,
    reason: rec.type,
    changes: { ...(p.changes ?? {}), price: p.price, bar_time: p.bar_time !== undefined ? new Date(p.bar_time).toISOString() : undefined, note: p.note },
    state: p.state,
    ts: rec.created_at,
  };
}
