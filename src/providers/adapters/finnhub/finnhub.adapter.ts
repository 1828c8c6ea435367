import { HttpService } from '@nestjs/axios';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { ProviderError } from '../../provider.errors';
import type { CallOptions, CompanyNews, EarningsCalendar, EnrichmentProvider, MacroCalendar, NewsSentiment } from '../../provider.types';
import { getJson, num, parseBody } from '../http-json';
import { isoOf } from '../normalize';

const sentimentSchema = z.object({
  symbol: z.string(), // present even for an unknown symbol (then "") — tells a foreign body from an empty one
  buzz: z.object({ articlesInLastWeek: num.optional(), buzz: num.optional() }).partial().optional().nullable(),
  companyNewsScore: num.optional(),
  sentiment: z.object({ bullishPercent: num.optional(), bearishPercent: num.optional() }).partial().optional().nullable(),
  sectorAverageBullishPercent: num.optional(),
  sectorAverageNewsScore: num.optional(),
});
const earningsSchema = z.object({
  earningsCalendar: z
    .array(
      z.object({
        symbol: z.string(),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        hour: z.string().nullable().optional(),
        epsEstimate: num.optional(),
        epsActual: num.optional(),
        revenueEstimate: num.optional(),
      }),
    )
    .nullable(),
});
const economicSchema = z.object({
  economicCalendar: z
    .array(
      z.object({
        time: z.string(),
        country: z.string(),
        event: z.string(),
        impact: z.string().nullable().optional(),
        estimate: num.optional(),
        prev: num.optional(),
        actual: num.optional(),
        unit: z.string().nullable().optional(),
      }),
    )
    .nullable(),
});
const newsSchema = z.array(z.object({ headline: z.string(), datetime: z.number(), source: z.string().nullable().optional(), url: z.string().nullable().optional() }).passthrough());

/** Headlines are third-party text: control characters stripped, whitespace collapsed, at most this long. */
export const MAX_HEADLINE_CHARS = 200;
export const MAX_HEADLINES = 5;
export function cleanText(s: string, max = MAX_HEADLINE_CHARS): string {
  const t = s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

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
      bullish_percent: bull ?? null,
      bearish_percent: bear ?? null,
      sector_average_bullish_percent: s.sectorAverageBullishPercent ?? null,
      sector_average_news_score: s.sectorAverageNewsScore ?? null,
      data_source: this.id,
      as_of: isoOf(Date.now()),
      stale: false,
    };
  }

  async getEarningsCalendar(from: string, to: string, opts?: CallOptions & { symbol?: string }): Promise<EarningsCalendar> {
    const e = parseBody(this.id, earningsSchema, await this.get('/calendar/earnings', { from, to, symbol: opts?.symbol }, opts), 'earnings calendar');
    return {
      events: (e.earningsCalendar ?? []).map((x) => ({
        symbol: x.symbol,
        date: x.date,
        hour: x.hour ?? null,
        eps_estimate: x.epsEstimate ?? null,
        eps_actual: x.epsActual ?? null,
        revenue_estimate: x.revenueEstimate ?? null,
      })),
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
        .map((x) => ({ t: Date.parse(`${x.time.replace(' ', 'T')}Z`), x }))
        .filter(({ t }) => Number.isFinite(t))
        .map(({ t, x }) => ({
          time: new Date(t).toISOString(),
          country: x.country,
          event: cleanText(x.event, 120),
          importance: importance(x.impact),
          consensus: x.estimate ?? null,
          previous: x.prev ?? null,
          actual: x.actual ?? null,
          unit: x.unit ?? null,
        })),
      data_source: this.id,
      as_of: isoOf(Date.now()),
      stale: false,
    };
  }

  /** Company headlines (newest first, at most MAX_HEADLINES, each cleaned and length-limited). */
  async getCompanyNews(symbol: string, from: string, to: string, opts?: CallOptions): Promise<CompanyNews> {
    const rows = parseBody(this.id, newsSchema, await this.get('/company-news', { symbol, from, to }, opts), 'company news');
    const headlines = rows
      .filter((r) => Number.isFinite(r.datetime) && r.headline.trim())
      .sort((a, b) => b.datetime - a.datetime)
      .slice(0, MAX_HEADLINES)
      .map((r) => ({
        headline: cleanText(r.headline),
        publisher: r.source ? cleanText(r.source, 60) : null,
        published_at: new Date(r.datetime * 1000).toISOString(),
        url: r.url && /^https?:\/\//.test(r.url) ? r.url.slice(0, 300) : null,
      }));
    return { symbol: symbol.toUpperCase(), headlines, data_source: this.id, as_of: isoOf(Date.now()), stale: false };
  }
}
