import { HttpService } from '@nestjs/axios';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import type { CallOptions, EnrichmentProvider, MacroCalendar } from '../../provider.types';
import { getJson, num, parseBody } from '../http-json';
import { cleanText } from '../finnhub/finnhub.adapter';
import { isoOf } from '../normalize';

const calendarSchema = z.array(
  z
    .object({
      Date: z.string(),
      Country: z.string(),
      Event: z.string(),
      Importance: z.number().int().min(1).max(3),
      Forecast: num.optional(),
      TEForecast: num.optional(),
      Previous: num.optional(),
      Actual: num.optional(),
      Unit: z.string().nullable().optional(),
    })
    .passthrough(),
);

/** Trading Economics macro calendar (id `tradingeconomics`): US events, importance 1–3 → low/medium/high. */
@Injectable()
export class TradingEconomicsAdapter implements EnrichmentProvider {
  readonly id = 'tradingeconomics';

  constructor(
    private readonly http: HttpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async getMacroEvents(from: string, to: string, opts?: CallOptions): Promise<MacroCalendar> {
    const body = await getJson(this.http, this.id, `${this.config.tradingEconomics.baseUrl}/calendar/country/united%20states/${from}/${to}`, {
      params: { c: this.config.tradingEconomics.apiKey, f: 'json' },
      timeoutMs: opts?.timeoutMs ?? this.config.providerTimeoutMs,
      signal: opts?.signal,
    });
    const rows = parseBody(this.id, calendarSchema, body, 'calendar');
    const level = ['low', 'low', 'medium', 'high'] as const;
    return {
      // TE dates are UTC without a zone designator
      events: rows
        .map((r) => ({ r, t: Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(r.Date) ? r.Date : `${r.Date}Z`) }))
        .filter(({ t }) => Number.isFinite(t))
        .map(({ r, t }) => ({
          time: new Date(t).toISOString(),
          country: r.Country,
          event: cleanText(r.Event, 120),
          importance: level[r.Importance],
          consensus: r.Forecast ?? r.TEForecast ?? null,
          previous: r.Previous ?? null,
          actual: r.Actual ?? null,
          unit: r.Unit ?? null,
        })),
      data_source: this.id,
      as_of: isoOf(Date.now()),
      stale: false,
    };
  }
}
