import { Inject, Logger } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { resolveCaller } from '../../common/auth/api-keys';
import { NotFoundError } from '../../common/errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { snapshotOf } from '../../core/plan/plan-snapshot';
import { IDEA_STORE, IdeaStoreApi } from '../../persistence/idea-store.types';
import { deltaEvent, PlanFollowerService } from './plan-follower.service';
import { StreamBus, StreamEnvelope } from './stream-bus';

/** Close codes: 1008 no plan id; 4401 missing/invalid key; 4404 unknown plan (also another user's). */
export const CLOSE = { NO_PLAN_ID: 1008, UNAUTHORIZED: 4401, UNKNOWN_PLAN: 4404 } as const;
const HEARTBEAT_MS = Number(process.env.WS_HEARTBEAT_MS ?? 15_000);
/** One serialisation per envelope, however many sockets it fans out to. */
const serialized = new WeakMap<object, string>();
function toText(env: StreamEnvelope): string {
  let text = serialized.get(env);
  if (text === undefined) {
    text = JSON.stringify(env);
    serialized.set(env, text);
  }
  return text;
}

/**
 * `WS /ws/plans/{plan_id}`: on connect the plan snapshot (`plan_full`), the follower's state
 * (`plan_state`) and every delta after `last_version` (query parameter, or a later `{"last_version": n}`
 * message); then live `plan_delta`s in version order, and heartbeats. Auth as on REST: the
 * `Authorization: Bearer` header (or `?token=` for browsers) and `X-User-Id` (or `?user_id=`).
 */
@WebSocketGateway({ path: '/ws/plans/:plan_id' })
export class PlanStreamGateway implements OnGatewayConnection {
  private readonly log = new Logger(PlanStreamGateway.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IDEA_STORE) private readonly store: IdeaStoreApi,
    private readonly follower: PlanFollowerService,
    private readonly bus: StreamBus,
  ) {}

  async handleConnection(client: WebSocket, req: IncomingMessage): Promise<void> {
    const url = new URL(req.url ?? '/', 'ws://localhost');
    let planId: string;
    try {
      planId = decodeURIComponent(url.pathname.split('/').filter(Boolean)[2] ?? '').trim();
    } catch {
      return void client.close(CLOSE.NO_PLAN_ID, 'malformed plan_id'); // a bad %-escape must not crash the handler
    }
    const token = url.searchParams.get('token');
    const auth = req.headers.authorization ?? (token ? `Bearer ${token}` : undefined);
    const caller = resolveCaller(this.config.auth.keys, auth, (req.headers['x-user-id'] as string | undefined) ?? url.searchParams.get('user_id') ?? undefined);
    if (!caller.ok) return void client.close(CLOSE.UNAUTHORIZED, caller.reason === 'missing' ? 'Missing bearer token' : 'Invalid bearer token');
    if (!planId) return void client.close(CLOSE.NO_PLAN_ID, 'plan_id required');
    if (!/^[A-Za-z0-9.:^_-]{3,100}$/.test(planId)) return void client.close(CLOSE.NO_PLAN_ID, 'malformed plan_id');
    const userId = caller.userId;

    let lastSent = Number(url.searchParams.get('last_version') ?? 0) || 0;
    let ready = false;
    const buffered: StreamEnvelope[] = [];
    const send = (env: StreamEnvelope) => client.readyState === client.OPEN && client.send(toText(env));
    const sendDelta = (env: StreamEnvelope) => {
      const v = Number(env.event.version);
      if (Number.isFinite(v)) {
        if (v <= lastSent) return;
        lastSent = v;
      }
      send(env);
    };
    const off = this.bus.subscribe({ plan_id: planId }, (env) => (ready ? sendDelta(env) : buffered.push(env)));
    const beat = setInterval(() => send({ plan_id: planId, event: { t: 'heartbeat', ts: new Date().toISOString() } }), HEARTBEAT_MS);
    beat.unref();
    let watching = false;
    client.on('close', () => {
      off();
      clearInterval(beat);
      if (watching) this.follower.unwatch(planId);
    });

    try {
      const idea = await this.store.get(userId, planId);
      send({ plan_id: planId, event: { t: 'plan_full', payload: snapshotOf(idea), version: idea.plan_version } });
      const view = await this.follower.watch(userId, planId);
      watching = true;
      send({
        plan_id: planId,
        event: { t: 'plan_state', plans: [{ plan_id: planId, version: idea.plan_version, followable: view.followable, status: view.state?.status ?? 'not_followable', state: view.state }] },
      });
      for (const d of await this.store.listDeltas(userId, planId, lastSent)) sendDelta({ plan_id: planId, event: deltaEvent(d) });
      ready = true;
      for (const env of buffered.splice(0)) sendDelta(env);
    } catch (err) {
      off();
      clearInterval(beat);
      if (err instanceof NotFoundError) return void client.close(CLOSE.UNKNOWN_PLAN, 'unknown plan');
      this.log.warn(`ws ${planId}: ${(err as Error).message}`);
      send({ plan_id: planId, event: { t: 'error', detail: 'plan stream unavailable' } });
      return void client.close(1011, 'unavailable');
    }

    client.on('message', (raw: Buffer) => {
      let msg: unknown;
      try {
        msg = JSON.parse(raw.toString());
      } catch {
        return void send({ plan_id: planId, event: { t: 'error', detail: 'malformed message: expected JSON such as {"last_version": 3} or {"type": "ping"}' } });
      }
      const m = msg as { type?: string; last_version?: unknown };
      if (m && typeof m === 'object' && m.type === 'ping') return void send({ plan_id: planId, event: { t: 'pong', ts: new Date().toISOString() } });
      if (m && typeof m === 'object' && Number.isInteger(m.last_version) && (m.last_version as number) >= 0) {
        const from = m.last_version as number;
        lastSent = Math.min(lastSent, from);
        void this.store.listDeltas(userId, planId, from).then((ds) => ds.forEach((d) => sendDelta({ plan_id: planId, event: deltaEvent(d) })));
        return;
      }
      send({ plan_id: planId, event: { t: 'error', detail: 'unknown message: send {"last_version": n} to resume or {"type": "ping"}' } });
    });
  }
}
