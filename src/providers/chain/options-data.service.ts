import { Inject, Injectable } from '@nestjs/common';
import { CallOptions, ChainRequest, ExpirationsResult, OptionChain, OPTIONS_PROVIDERS, OptionsProvider } from '../provider.types';
import { cacheKey } from '../cache/cache-keys';
import { ChainMeta, ChainRunner, ChainRunnerOptions } from './chain-runner';
import { CHAIN_RUNNER_OPTIONS, TTL } from './chain-tokens';

/** Option expirations and chains through the configured options providers (chains cached 15 s). */
@Injectable()
export class OptionsDataService {
  readonly runner: ChainRunner;

  constructor(
    @Inject(OPTIONS_PROVIDERS) readonly providers: OptionsProvider[],
    @Inject(CHAIN_RUNNER_OPTIONS) options: ChainRunnerOptions,
  ) {
    this.runner = new ChainRunner(options);
  }

  private order(): string {
    return this.providers.map((p) => p.id).join(',');
  }

  getExpirations(underlying: string, opts?: CallOptions): Promise<ExpirationsResult & ChainMeta> {
    const u = underlying.toUpperCase();
    return this.runner.run({
      capability: 'options_expirations',
      key: cacheKey('expirations', this.order(), u),
      ttlMs: TTL.expirations,
      providers: this.providers,
      call: (p, signal) => p.getExpirations(u, { ...opts, signal }),
    });
  }

  getChain(req: ChainRequest): Promise<OptionChain & ChainMeta> {
    const u = req.underlying.toUpperCase();
    return this.runner.run({
      capability: 'options_chain',
      key: cacheKey('chain', this.order(), u, req.expiration ?? '*'),
      ttlMs: TTL.chain,
      providers: this.providers,
      call: (p, signal) => p.getChain({ ...req, underlying: u, signal }),
    });
  }
}
