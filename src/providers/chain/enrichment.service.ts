import { Inject, Injectable } from '@nestjs/common';
import { EarningsCalendar, ENRICHMENT_PROVIDERS, EnrichmentProvider, MacroCalendar, NewsSentiment } from '../provider.types';
import { ChainMeta, ChainRunner, ChainRunnerOptions } from './chain-runner';
import { CHAIN_RUNNER_OPTIONS, TTL } from './chain-tokens';

/**
 * News sentiment, earnings and macro events. Providers are tried in order among those that offer the
 * capability (Trading Economics before Finnhub for macro, per config order). No enrichment provider →
 * a 404 `no_data`, never invented events.
 */
@Injectable()
export class EnrichmentService {
  readonly runner: ChainRunner;

  constructor(
    @Inject(ENRICHMENT_PROVIDERS) readonly providers: EnrichmentProvider[],
    @Inject(CHAIN_RUNNER_OPTIONS) options: ChainRunnerOptions,
  ) {
    this.runner = new ChainRunner(options);
  }

  getNewsSentiment(symbol: string): Promise<NewsSentiment & ChainMeta> {
    const s = symbol.toUpperCase();
    return this.runner.run({
      capability: 'news_sentiment',
      key: `sentiment|${s}`,
      ttlMs: TTL.enrichment,
      providers: this.providers.filter((p) => p.getNewsSentiment),
      call: (p, signal) => p.getNewsSentiment!(s, { signal }),
    });
  }

  getEarningsCalendar(from: string, to: string, symbol?: string): Promise<EarningsCalendar & ChainMeta> {
    return this.runner.run({
      capability: 'earnings',
      key: `earnings|${from}|${to}|${symbol ?? ''}`,
      ttlMs: TTL.enrichment,
      providers: this.providers.filter((p) => p.getEarningsCalendar),
      call: (p, signal) => p.getEarningsCalendar!(from, to, { signal, symbol }),
    });
  }

  getMacroEvents(from: string, to: string): Promise<MacroCalendar & ChainMeta> {
    const ordered = [...this.providers].sort((a, b) => (a.id === 'tradingeconomics' ? -1 : b.id === 'tradingeconomics' ? 1 : 0));
    return this.runner.run({
      capability: 'macro_events',
      key: `macro|${from}|${to}`,
      ttlMs: TTL.enrichment,
      providers: ordered.filter((p) => p.getMacroEvents),
      call: (p, signal) => p.getMacroEvents!(from, to, { signal }),
    });
  }
}
