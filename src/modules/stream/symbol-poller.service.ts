import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { AppError } from '../../common/errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { Bar } from '../../core/bars/bar';
import { sessionTag } from '../../core/session/session';
import { MarketDataService } from '../../providers/chain';
import { CLOCK, Clock } from '../../providers/provider.types';
import { StreamBus, StreamEnvelope } from './stream-bus';

/** Poll cadence in wall ms (STREAM_POLL_MS, default 1000; at replay speed one poll may cover several minutes). */
const pollMs = () => Math.max(50, Number(process.env.STREAM_POLL_MS ?? 1000) || 1000);
const HEARTBEAT_MS = 5000;
/** Phase names of the reference stream (seed §8.1). */
const PHASE = { pre: 'premarket', regular: 'regular', post: 'afterhours', closed: 'closed' } as const;

interface Poller {
  refs: number;
  timer: NodeJS.Timeout;
  lastBar: number | null;
  lastPhase: string | null;
  lastBeat: number;
  busy: boolean;
  listeners: Set<(bar: Bar) => void>;
  /** Latest market_status, bar and tick, replayed to a subscriber joining a running poller. */
  latest: Map<string, StreamEnvelope>;
}

/** 503: the instance already polls STREAM_MAX_SYMBOLS distinct symbols; a new one must wait. */
export class TooManyStreamsError extends AppError {
  readonly status = 503;
  readonly code = 'too_many_streams';
}

/**
 * One poller per symbol with subscribers (SSE clients, followed plans): fetches closed 1-minute bars
 * from the provider chain on the service clock and publishes `bar`, `tick`, `market_status` and
 * `heartbeat` events on the bus; stops when the last subscriber leaves.
 */
@Injectable()
export class SymbolPollerService implements OnModuleDestroy {
  private readonly log = new Logger(SymbolPollerService.name);
  private readonly pollers = new Map<string, Poller>();

  constructor(
    private readonly market: MarketDataService,
    private readonly bus: StreamBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  /** Distinct symbols polled at once at most (STREAM_MAX_SYMBOLS). */
  get maxSymbols(): number {
    return this.config?.limits?.streamMaxSymbols ?? 200;
  }

  /** Throws TooManyStreamsError when `symbol` would be one poller too many (a running one is always shared). */
  ensureCapacity(symbol: string): void {
    const sym = symbol.toUpperCase();
    if (this.pollers.has(sym) || this.pollers.size < this.maxSymbols) return;
    throw new TooManyStreamsError(`this instance already streams ${this.pollers.size} symbols (STREAM_MAX_SYMBOLS=${this.maxSymbols}); try again later`);
  }

  /** Start (or share) the poller; `onBar` receives each newly closed bar. Returns a release function. */
  acquire(symbol: string, onBar?: (bar: Bar) => void): () => void {
    const sym = symbol.toUpperCase();
    let p = this.pollers.get(sym);
    if (!p) {
      this.ensureCapacity(sym);
      p = { refs: 0, lastBar: null, lastPhase: null, lastBeat: 0, busy: false, listeners: new Set(), latest: new Map(), timer: setInterval(() => void this.poll(sym), pollMs()) };
      p.timer.unref();
      this.pollers.set(sym, p);
      void this.poll(sym);
    }
    p.refs++;
    if (onBar) p.listeners.add(onBar);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const q = this.pollers.get(sym);
      if (!q) return;
      if (onBar) q.listeners.delete(onBar);
      if (--q.refs <= 0) {
        clearInterval(q.timer);
        this.pollers.delete(sym);
      }
    };
  }

  /** The latest market_status / bar / tick of a running poller (empty when none ran yet). */
  snapshot(symbol: string): StreamEnvelope[] {
    return [...(this.pollers.get(symbol.toUpperCase())?.latest.values() ?? [])];
  }

  private publish(p: Poller, env: StreamEnvelope): void {
    if (env.event.t !== 'heartbeat' && env.event.t !== 'error') p.latest.set(env.event.t, env);
    this.bus.publishLocal(env);
  }

  get active(): string[] {
    return [...this.pollers.keys()];
  }

  private async poll(sym: string): Promise<void> {
    const p = this.pollers.get(sym);
    if (!p || p.busy) return;
    p.busy = true;
    try {
      const now = this.clock.now();
      const phase = PHASE[sessionTag(now)];
      if (phase !== p.lastPhase) {
        p.lastPhase = phase;
        this.publish(p, {
          symbol: sym,
          event: { t: 'market_status', phase, note: phase === 'regular' ? 'Market open.' : `Market ${phase} — live updates may be limited.`, ts: new Date(now).toISOString() },
        });
      }
      const res = await this.market.getBars({ symbol: sym, interval: '1m', limit: p.lastBar === null ? 1 : 500 });
      const fresh = res.bars.filter((b) => p.lastBar === null || b.time > p.lastBar);
      for (const b of fresh) {
        p.lastBar = b.time;
        this.publish(p, {
          symbol: sym,
          event: {
            t: 'bar',
            symbol: sym,
            ts: Math.floor(b.time / 1000),
            time: Math.floor(b.time / 1000),
            open: b.open,
            high: b.high,
            low: b.low,
            close: b.close,
            volume: b.volume,
            p: b.close,
            data_source: res.data_source,
          },
        });
        for (const l of p.listeners) l(b);
      }
      const last = res.bars[res.bars.length - 1];
      if (fresh.length && last) this.publish(p, { symbol: sym, event: { t: 'tick', p: last.close, ts: new Date(last.time + 60_000).toISOString(), source: res.data_source, stale: res.stale } });
      if (Date.now() - p.lastBeat >= HEARTBEAT_MS) {
        p.lastBeat = Date.now();
        this.publish(p, { symbol: sym, event: { t: 'heartbeat', ts: new Date(now).toISOString() } });
      }
    } catch (err) {
      this.publish(p, { symbol: sym, event: { t: 'error', detail: `market data unavailable: ${(err as Error).message}` } });
    } finally {
      p.busy = false;
    }
  }

  onModuleDestroy(): void {
    for (const p of this.pollers.values()) clearInterval(p.timer);
    this.pollers.clear();
  }
}
