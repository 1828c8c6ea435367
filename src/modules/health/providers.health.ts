import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

/** What readiness needs from the provider layer (implemented by the chain's ProviderHealthService). */
export interface ProviderHealthSource {
  snapshot(): {
    capabilities: Array<{ capability: string; providers: Array<{ id: string; state: string; status?: string; retry_at?: string | null; retry_after_s?: number | null; last_error?: string | null }> }>;
  };
}
export const PROVIDER_HEALTH = Symbol('PROVIDER_HEALTH');

/**
 * Reports every configured provider's circuit state. Not ready only when a capability has no
 * provider whose circuit is closed or half-open (nothing could answer). A provider that is rate
 * limited (429, blocked until its Retry-After) or on a half-open trial is listed under `degraded`
 * with its retry time; readiness stays up (the chain answers from the next provider or stale data).
 */
@Injectable()
export class ProvidersHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(PROVIDER_HEALTH) private readonly providers?: ProviderHealthSource,
  ) {}

  check(key = 'providers') {
    const session = this.indicators.check(key);
    if (!this.providers) return session.up({ message: 'provider layer not loaded' });
    const { capabilities } = this.providers.snapshot();
    const dead = capabilities.filter((c) => c.providers.length > 0 && c.providers.every((p) => p.state === 'open'));
    const degraded = capabilities.flatMap((c) =>
      c.providers
        .filter((p) => p.status === 'degraded')
        .map((p) => ({
          capability: c.capability,
          provider: p.id,
          reason: p.retry_at ? 'rate_limited' : 'half_open',
          retry_at: p.retry_at ?? null,
          retry_after_s: p.retry_after_s ?? null,
          last_error: p.last_error ?? null,
        })),
    );
    const extra = degraded.length ? { health: 'degraded', degraded } : { health: 'ok' };
    return dead.length ? session.down({ capabilities, ...extra, message: `every provider circuit open for ${dead.map((c) => c.capability).join(', ')}` }) : session.up({ capabilities, ...extra });
  }
}
