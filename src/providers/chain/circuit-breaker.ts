/**
 * Per-provider circuit breaker (pure state machine, clock injected): `failureThreshold` consecutive
 * failures open it; after `cooldownMs` it is half-open and lets one trial call through; a success
 * closes it, a failure re-opens it. A 429 Retry-After additionally blocks calls until that time.
 */
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt = -Infinity;
  private state_: 'closed' | 'open' = 'closed';
  private trialInFlight = false;
  private blockedUntil = -Infinity;
  /** Kept after a later success so /health/ready can show what last went wrong and when. */
  lastError?: string;
  lastErrorAt?: number;
  lastSuccessAt?: number;

  constructor(
    private readonly options: BreakerOptions = { failureThreshold: 5, cooldownMs: 30_000 },
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    if (this.state_ === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) return 'half_open';
    return this.state_;
  }

  /** Whether a call may go out now (claims the single half-open trial). */
  tryAcquire(): { ok: true } | { ok: false; reason: 'circuit_open' | 'rate_limited'; untilMs: number } {
    const t = this.now();
    if (t < this.blockedUntil) return { ok: false, reason: 'rate_limited', untilMs: this.blockedUntil };
    const s = this.state;
    if (s === 'closed') return { ok: true };
    if (s === 'half_open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return { ok: true };
    }
    return { ok: false, reason: 'circuit_open', untilMs: this.openedAt + this.options.cooldownMs };
  }

  success(): void {
    this.failures = 0;
    this.state_ = 'closed';
    this.trialInFlight = false;
    this.lastSuccessAt = this.now();
  }

  failure(message: string): void {
    this.lastError = message;
    this.lastErrorAt = this.now();
    this.trialInFlight = false;
    this.failures++;
    if (this.state_ === 'open' || this.failures >= this.options.failureThreshold) {
      this.state_ = 'open';
      this.openedAt = this.now();
    }
  }

  /** A call that ended without a provider fault (not found, empty, unsupported): frees a half-open trial. */
  neutral(): void {
    this.trialInFlight = false;
  }

  /** Until when (ms) a 429's Retry-After blocks calls, if that is still ahead. */
  get blockedUntilMs(): number | undefined {
    return this.blockedUntil > this.now() ? this.blockedUntil : undefined;
  }

  /** Honour a 429's Retry-After: no calls until then (not a breaker failure by itself). */
  blockFor(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + Math.max(0, ms));
  }
}
