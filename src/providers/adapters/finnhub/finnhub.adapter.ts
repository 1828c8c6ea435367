import { HttpService } from '@nestjs/axios';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { ProviderError } from '../../provider.errors';
import type { CallOptions, EarningsCalendar, EnrichmentProvider, MacroCalendar, NewsSentiment } from '../../provider.types';
import { getJson, num, parseBody } from '../http-json';
import { isoOf } from '../normalize';

const sentimentSchema = z.object({
  symbol: z.string(), // present even for an unknown symbol (then "") — tells a foreign body from an empty one
  buzz: z.object({ articlesInLastWeek: num.optional(), buzz: num.optional() }).partial().optional().nullable(),
  companyNewsScore: num.optional(),
  sentiment: z.object({ bullishPercent: num.optional(), bearishPercent: num.optional() }).partial().optional().nullable(),
});
const earningsSchema = z.object({
  earningsCalendar: z.array(z.object({ symbol: z.string(), date: z.string(), hour: z.string().nullable().optional(), epsEstimate: num.optional(), epsActual: num.optional() })).nullable(),
});
const economicSchema = z.object({
  economicCalendar: z.array(z.object({ time: z.string(), country: z.string(), event: z.string(), impact: z.string().nullable().optional() })).nullable(),
});

/**
 * Finnhub enrichment (id `finnhub`): news sentiment (score −1..1 = bullish% − bearish%), earnings
 * calendar, and the economic calendar as the macro fallback behind Trading Economics.
 */
@Injectable()
export class FinnhubAdapter implements EnrichmentProvider {
  readonly id = 'finnhub';

  constructor(
    private readonly http: HttpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get(path: string, params: Record<string, string | undefined>, o?: CallOptions) {
    return getJson(this.http, this.id, `${this.config.finnhub.baseUrl}${path}`, {
      params: { ...params, token: this.config.finnhub.apiKey },
      timeoutMs: o?.timeoutMs ?? this.config.providerTimeoutMs,
      signal: o?.signal,
    });
  }

  async getNewsSentiment(symbol: string, opts?: CallOptions): Promise<NewsSentiment> {
    const s = parseBody(this.id, sentimentSchema, await this.get('/news-sentiment', { symbol }, opts), 'news sentiment');
    const bull = s.sentiment?.bullishPercent;
    const bear = s.sentiment?.bearishPercent;
    if (bull == null && bear == null && s.buzz?.articlesInLastWeek == null) throw new ProviderError(this.id, 'empty', `no sentiment for ${symbol}`);
    return {
      symbol: symbol.toUpperCase(),
      score: bull != null && bear != null ? Math.round((bull - bear) * 1000) / 1000 : null,
      buzz: s.buzz?.buzz ?? null,
      articles_in_last_week: s.buzz?.articlesInLastWeek ?? null,
      data_source: this.id,
      as_of: isoOf(Date.now()),
      stale: false,
    };
  }

  async getEarningsCalendar(from: string, to: string, opts?: CallOptions & { symbol?: string }): Promise<EarningsCalendar> {
    const e = parseBody(this.id, earningsSchema, await this.get('/calendar/earnings', { from, to, symbol: opts?.symbol }, opts), 'earnings calendar');
    return {
      events: (e.earningsCalendar ?? []).map((x) => ({ symbol: x.symbol, date: x.date, hour: x.hour ?? null, eps_estimate: x.epsEstimate ?? null, eps_actual: x.epsActual ?? null })),
      data_source: this.id,
      as_of: isoOf(Date.now()),
      stale: false,
    };
  }

  async getMacroEvents(from: string, to: string, opts?: CallOptions): Promise<MacroCalendar> {
    const e = parseBody(this.id, economicSchema, await this.get('/calendar/economic', { from, to }, opts), 'economic calendar');
    const importance = (i?: string | null) => (i === 'high' ? 'high' : i === 'medium' ? 'medium' : 'low');
    return {
      events: (e.economicCalendar ?? [])
        .filter((x) => x.country === 'US')
        .map((x) => ({ time: new Date(`${x.time.replace(' ', 'T')}Z`).toISOString(), country: x.country, event: x.event, importance: importance(x.impact) })),
      data_source: this.id,
      as_of: isoOf(Date.now()),
      stale: false,
    };
  }
}
