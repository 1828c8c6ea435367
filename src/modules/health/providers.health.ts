import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

/** What readiness needs from the provider layer (implemented by the chain's ProviderHealthService). */
export interface ProviderHealthSource {
  snapshot(): { capabilities: Array<{ capability: string; providers: Array<{ id: string; state: string }> }> };
}
export const PROVIDER_HEALTH = Symbol('PROVIDER_HEALTH');

/**
 * Reports every configured provider's circuit state. Not ready only when a capability has no
 * provider whose circuit is closed or half-open (nothing could answer).
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
    return dead.length ? session.down({ capabilities, message: `every provider circuit open for ${dead.map((c) => c.capability).join(', ')}` }) : session.up({ capabilities });
  }
}
