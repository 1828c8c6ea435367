import { HttpService } from '@nestjs/axios';
import { Inject, Injectable } from '@nestjs/common';
import type { Bar } from '../../../core/bars/bar';
import type { Interval } from '../../../core/bars/interval';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { ProviderError } from '../../provider.errors';
import type { BarsRequest, BarsResult, CallOptions, ChainRequest, ExpirationsResult, MarketDataProvider, OptionChain, OptionContract, OptionsProvider, Quote } from '../../provider.types';
import { getJson, parseBody } from '../http-json';
import { isoOf } from '../normalize';
import { barsQuality, CheckedBars, checkBars } from '../bar-sanity';
import { yahooChartSchema, yahooOptionsSchema } from './yahoo.schemas';

/** Yahoo has no 3m or 4h (the chain builds those from 1m / 1h). */
const YAHOO_INTERVAL: Partial<Record<Interval, string>> = { '1m': '1m', '5m': '5m', '15m': '15m', '30m': '30m', '1h': '60m', '1D': '1d', '1W': '1wk' };
/** Yahoo serves 1-minute bars for about the last 30 days only. */
const ONE_MINUTE_HISTORY_MS = 30 * 86_400_000;
const DEFAULT_SPAN_DAYS: Partial<Record<Interval, number>> = { '1m': 5, '5m': 30, '15m': 30, '30m': 30, '1h': 120, '1D': 730, '1W': 3650 };

export interface YahooSplit {
  /** UTC ms of the split day's session open. */
  time: number;
  /** New shares per `denominator` old shares (4:1 → 4 / 1). */
  numerator: number;
  denominator: number;
}

export interface YahooBarsResult extends BarsResult {
  splits: YahooSplit[];
}

/**
 * Yahoo Finance v8 chart (bars, quote) and v7 options (id `yahoo`). Quirks handled: the trailing
 * zero-volume "live" point of intraday charts is dropped, an empty weekend answer (no timestamps) is
 * `empty`, rows with nulls are skipped. Prices are Yahoo's OHLC, which Yahoo already split-adjusts;
 * adjclose (dividends too) is deliberately not applied, so every vendor in the fallback chain sits on
 * the same basis as Polygon's `adjusted=true` and past levels stay at traded prices. Splits in range
 * are reported in `splits`.
 */
@Injectable()
export class YahooAdapter implements MarketDataProvider, OptionsProvider {
  readonly id = 'yahoo';
  readonly testSymbol = 'SPY';

  constructor(
    private readonly http: HttpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get base() {
    return this.config.yahoo.baseUrl;
  }

  async getBars(req: BarsRequest): Promise<YahooBarsResult> {
    const iv = YAHOO_INTERVAL[req.interval];
    if (!iv) throw new ProviderError(this.id, 'unsupported', `Yahoo has no ${req.interval} bars`);
    const now = Date.now();
    const to = req.to ?? now;
    const from = req.from ?? to - (DEFAULT_SPAN_DAYS[req.interval] ?? 30) * 86_400_000;
    if (req.interval === '1m' && from < now - ONE_MINUTE_HISTORY_MS) throw new ProviderError(this.id, 'unsupported', 'Yahoo keeps 1m bars for the last 30 days only');
    const body = await getJson(this.http, this.id, `${this.base}/v8/finance/chart/${encodeURIComponent(req.symbol)}`, {
      params: { interval: iv, period1: Math.floor(from / 1000), period2: Math.ceil(to / 1000), includePrePost: req.extendedHours !== false, events: 'div|split' },
      timeoutMs: req.timeoutMs ?? this.config.providerTimeoutMs,
      signal: req.signal,
    });
    const checked = this.checkChart(body, req.interval);
    const bars = checked.bars;
    const limit = req.limit !== undefined && Number.isFinite(req.limit) ? Math.max(1, Math.floor(req.limit)) : undefined;
    const limited = limit !== undefined && bars.length > limit ? bars.slice(bars.length - limit) : bars;
    return {
      symbol: req.symbol.toUpperCase(),
      interval: req.interval,
      bars: limited,
      splits: this.parseSplits(body),
      data_source: this.id,
      as_of: isoOf(limited[limited.length - 1].time),
      ...barsQuality(checked, limited, req.interval, Math.min(to, Date.now())),
    };
  }

  /** Splits Yahoo reports in the range (the bars are already adjusted for them). */
  parseSplits(body: unknown): YahooSplit[] {
    const splits = parseBody(this.id, yahooChartSchema, body, 'chart').chart.result?.[0]?.events?.splits ?? {};
    return Object.values(splits)
      .map((x) => ({ time: x.date * 1000, numerator: x.numerator, denominator: x.denominator }))
      .sort((a, b) => a.time - b.time);
  }

  /** Parse a v8 chart body into clean bars (exported for tests through the adapter). */
  parseChart(body: unknown, interval: Interval): Bar[] {
    return this.checkChart(body, interval).bars;
  }

  /** parseChart with the sanity check's counts (rejected/repaired bars). */
  checkChart(body: unknown, interval: Interval): CheckedBars {
    const parsed = parseBody(this.id, yahooChartSchema, body, 'chart');
    const result = parsed.chart.result?.[0];
    if (!result) throw new ProviderError(this.id, 'not_found', 'chart has no result');
    const ts = result.timestamp ?? [];
    const q = result.indicators.quote[0] ?? {};
    if (!ts.length || !q.close) throw new ProviderError(this.id, 'empty', `no ${interval} bars in the requested range`);
    const raw: Bar[] = [];
    for (let i = 0; i < ts.length; i++) {
      const [o, h, l, c] = [q.open?.[i], q.high?.[i], q.low?.[i], q.close?.[i]];
      if (o == null || h == null || l == null || c == null) continue;
      raw.push({ time: ts[i] * 1000, open: o, high: h, low: l, close: c, volume: q.volume?.[i] ?? 0 });
    }
    const intraday = interval !== '1D' && interval !== '1W';
    // Yahoo appends a "live" point (volume 0, off the bar grid) after the last intraday bar
    if (intraday && raw.length > 1 && raw[raw.length - 1].volume === 0) raw.pop();
    const checked = checkBars(raw, interval, Date.now());
    if (!checked.bars.length) throw new ProviderError(this.id, 'empty', `no ${interval} bars in the requested range`);
    return checked;
  }

  async getQuote(symbol: string, opts?: CallOptions): Promise<Quote> {
    const body = await getJson(this.http, this.id, `${this.base}/v8/finance/chart/${encodeURIComponent(symbol)}`, {
      params: { interval: '1m', range: '1d', includePrePost: true },
      timeoutMs: opts?.timeoutMs ?? this.config.providerTimeoutMs,
      signal: opts?.signal,
    });
    const meta = parseBody(this.id, yahooChartSchema, body, 'chart').chart.result?.[0]?.meta;
    if (!meta || meta.regularMarketPrice == null) throw new ProviderError(this.id, 'not_found', `no quote for ${symbol}`);
    const time = (meta.regularMarketTime ?? Date.now() / 1000) * 1000;
    return {
      symbol: meta.symbol.toUpperCase(),
      last: meta.regularMarketPrice,
      time,
      prev_close: meta.previousClose ?? meta.chartPreviousClose ?? undefined,
      data_source: this.id,
      as_of: isoOf(time),
      stale: false,
    };
  }

  private async options(symbol: string, date: number | undefined, opts?: CallOptions) {
    const body = await getJson(this.http, this.id, `${this.base}/v7/finance/options/${encodeURIComponent(symbol)}`, {
      params: { date },
      timeoutMs: opts?.timeoutMs ?? this.config.providerTimeoutMs,
      signal: opts?.signal,
    });
    const r = parseBody(this.id, yahooOptionsSchema, body, 'options').optionChain.result[0];
    if (!r) throw new ProviderError(this.id, 'not_found', `no options for ${symbol}`);
    return r;
  }

  async getExpirations(underlying: string, opts?: CallOptions): Promise<ExpirationsResult> {
    const r = await this.options(underlying, undefined, opts);
    return { underlying: r.underlyingSymbol, expirations: r.expirationDates.map((t) => isoOf(t * 1000).slice(0, 10)), data_source: this.id, as_of: isoOf(Date.now()), stale: false };
  }

  async getChain(req: ChainRequest): Promise<OptionChain> {
    const date = req.expiration ? Math.floor(Date.parse(`${req.expiration}T00:00:00Z`) / 1000) : undefined;
    const r = await this.options(req.underlying, date, req);
    const contracts: OptionContract[] = [];
    const zeroToNull = (x: number | null | undefined) => (x == null || x <= 0 ? null : x);
    for (const set of r.options) {
      for (const [type, list] of [
        ['call', set.calls],
        ['put', set.puts],
      ] as const) {
        for (const c of list) {
          contracts.push({
            symbol: c.contractSymbol,
            underlying: r.underlyingSymbol,
            expiration: isoOf(c.expiration * 1000).slice(0, 10),
            type,
            strike: c.strike,
            bid: zeroToNull(c.bid), // pre-market Yahoo shows 0/0: no quote, not a free option
            ask: zeroToNull(c.ask),
            last: c.lastPrice ?? null,
            volume: c.volume ?? null,
            open_interest: c.openInterest ?? null,
            iv: zeroToNull(c.impliedVolatility),
            greeks_source: null,
          });
        }
      }
    }
    const t = (r.quote.regularMarketTime ?? Date.now() / 1000) * 1000;
    return { underlying: r.underlyingSymbol, underlying_price: r.quote.regularMarketPrice ?? null, contracts, data_source: this.id, as_of: isoOf(t), stale: false };
  }
}
