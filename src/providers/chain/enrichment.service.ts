import { Inject, Injectable } from '@nestjs/common';
import { CompanyNews, EarningsCalendar, ENRICHMENT_PROVIDERS, EnrichmentProvider, MacroCalendar, NewsSentiment } from '../provider.types';
import { ValidationFailedError } from '../../common/errors';
import { cacheKey } from '../cache/cache-keys';
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

  private order(): string {
    return this.providers.map((p) => p.id).join(',');
  }

  async getNewsSentiment(symbol: string): Promise<NewsSentiment & ChainMeta> {
    const s = symbol.toUpperCase();
    return this.runner.run({
      capability: 'news_sentiment',
      key: cacheKey('sentiment', this.order(), s),
      ttlMs: TTL.enrichment,
      providers: this.providers.filter((p) => p.getNewsSentiment),
      call: (p, signal) => p.getNewsSentiment!(s, { signal }),
    });
  }

  async getEarningsCalendar(from: string, to: string, symbol?: string): Promise<EarningsCalendar & ChainMeta> {
    checkRange(from, to);
    return this.runner.run({
      capability: 'earnings',
      key: cacheKey('earnings', this.order(), from, to, symbol?.toUpperCase()),
      ttlMs: TTL.enrichment,
      providers: this.providers.filter((p) => p.getEarningsCalendar),
      call: (p, signal) => p.getEarningsCalendar!(from, to, { signal, symbol: symbol?.toUpperCase() }),
    });
  }

  async getCompanyNews(symbol: string, from: string, to: string): Promise<CompanyNews & ChainMeta> {
    checkRange(from, to);
    const s = symbol.toUpperCase();
    return this.runner.run({
      capability: 'company_news',
      key: cacheKey('news', this.order(), s, from, to),
      ttlMs: TTL.enrichment,
      providers: this.providers.filter((p) => p.getCompanyNews),
      call: (p, signal) => p.getCompanyNews!(s, from, to, { signal }),
    });
  }

  async getMacroEvents(from: string, to: string): Promise<MacroCalendar & ChainMeta> {
    checkRange(from, to);
    const ordered = [...this.providers].sort((a, b) => (a.id === 'tradingeconomics' ? -1 : b.id === 'tradingeconomics' ? 1 : 0));
    return this.runner.run({
      capability: 'macro_events',
      key: cacheKey('macro', this.order(), from, to),
      ttlMs: TTL.enrichment,
      providers: ordered.filter((p) => p.getMacroEvents),
      call: (p, signal) => p.getMacroEvents!(from, to, { signal }),
    });
  }
}

/** Calendar ranges are ET dates `YYYY-MM-DD`, `from` ≤ `to` (a typed 400, never a vendor round trip). */
function checkRange(from: string, to: string): void {
  const ok = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
  if (!ok(from)) throw ValidationFailedError.field('from', 'expected a date YYYY-MM-DD');
  if (!ok(to)) throw ValidationFailedError.field('to', 'expected a date YYYY-MM-DD');
  if (from > to) throw ValidationFailedError.field('from', 'must not be after to');
}
