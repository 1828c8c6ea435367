import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/** One envelope for SSE and WebSocket: `{symbol|plan_id, event: {t, …}}` (docs/streaming.md). */
export interface StreamEnvelope {
  symbol?: string;
  plan_id?: string;
  event: { t: string; [k: string]: unknown };
}

type Handler = (env: StreamEnvelope) => void;

/**
 * Pub/sub for stream envelopes. In-process by default; with REDIS_URL every publish goes through
 * Redis (channel `tc:stream`) so that clients connected to any instance receive it, and each instance
 * delivers what Redis hands back to its local subscribers exactly once.
 */
@Injectable()
export class StreamBus implements OnModuleDestroy {
  private readonly log = new Logger(StreamBus.name);
  private readonly local = new EventEmitter();
  private pub?: Redis;
  private sub?: Redis;
  private static readonly CHANNEL = 'tc:stream';

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.local.setMaxListeners(0);
    if (config.redisUrl) {
      const opts = { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true };
      this.pub = new Redis(config.redisUrl, opts);
      this.sub = new Redis(config.redisUrl, opts);
      for (const c of [this.pub, this.sub]) c.on('error', (e) => this.log.warn(`redis: ${e.message}`));
      void this.sub.subscribe(StreamBus.CHANNEL);
      this.sub.on('message', (_ch, raw) => {
        try {
          this.deliver(JSON.parse(raw) as StreamEnvelope);
        } catch {
          /* a malformed message from another writer is ignored */
        }
      });
    }
  }

  get distributed(): boolean {
    return !!this.pub;
  }

  /** Resolves once the Redis subscription is live (tests wait for it). */
  async ready(): Promise<void> {
    if (!this.sub) return;
    for (let i = 0; i < 100 && this.sub.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 20));
  }

  private key(env: StreamEnvelope): string {
    return env.plan_id ? `plan:${env.plan_id}` : `symbol:${env.symbol}`;
  }

  private deliver(env: StreamEnvelope) {
    this.local.emit(this.key(env), env);
  }

  publish(env: StreamEnvelope): void {
    if (this.pub) void this.pub.publish(StreamBus.CHANNEL, JSON.stringify(env)).catch((e) => this.log.warn(`publish failed: ${e.message}`));
    else this.deliver(env);
  }

  /** Publish to this instance's subscribers only (market data polled here). */
  publishLocal(env: StreamEnvelope): void {
    this.deliver(env);
  }

  subscribe(target: { plan_id: string } | { symbol: string }, handler: Handler): () => void {
    const key = 'plan_id' in target ? `plan:${target.plan_id}` : `symbol:${target.symbol}`;
    this.local.on(key, handler);
    return () => this.local.off(key, handler);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.pub?.quit().catch(() => undefined), this.sub?.quit().catch(() => undefined)]);
  }
}
