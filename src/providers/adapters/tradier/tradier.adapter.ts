import { HttpService } from '@nestjs/axios';
import { Inject, Injectable } from '@nestjs/common';
import type { Bar } from '../../../core/bars/bar';
import type { Interval } from '../../../core/bars/interval';
import { etDate, etOffsetMs } from '../../../core/session/et-time';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { ProviderError } from '../../provider.errors';
import type { BarsRequest, BarsResult, CallOptions, ChainRequest, ExpirationsResult, MarketClock, MarketDataProvider, OptionChain, OptionsProvider, Quote } from '../../provider.types';
import { getJson, parseBody } from '../http-json';
import { isoOf } from '../normalize';
import { barsQuality, checkBars } from '../bar-sanity';
import { tradierChainSchema, tradierClockSchema, tradierExpirationsSchema, tradierHistorySchema, tradierQuotesSchema, tradierTimesalesSchema } from './tradier.schemas';

const TIMESALES: Partial<Record<Interval, string>> = { '1m': '1min', '5m': '5min', '15m': '15min' };
const HISTORY: Partial<Record<Interval, string>> = { '1D': 'daily', '1W': 'weekly' };

/**
 * Tradier market data and options (id `tradier`): quotes (one result is an object, several an array),
 * daily/weekly history (`day` object or array), intraday timesales with per-bar VWAP, the market clock,
 * expirations and chains with greeks (ORATS: theta per calendar day, vega per 1 vol point — our units;
 * IV = mid_iv, else smv_vol). The sandbox (a base URL containing "sandbox") serves delayed data; results
 * then say `data_source: "tradier_sandbox"`.
 */
@Injectable()
export class TradierAdapter implements MarketDataProvider, OptionsProvider {
  readonly id = 'tradier';
  readonly testSymbol = 'SPY';

  constructor(
    private readonly http: HttpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get source() {
    return /sandbox/.test(this.config.tradier.baseUrl) ? 'tradier_sandbox' : 'tradier';
  }

  private get(path: string, params: Record<string, string | number | boolean | undefined>, o?: CallOptions) {
    return getJson(this.http, this.id, `${this.config.tradier.baseUrl}${path}`, {
      params,
      headers: { Authorization: `Bearer ${this.config.tradier.token ?? ''}` },
      timeoutMs: o?.timeoutMs ?? this.config.providerTimeoutMs,
      signal: o?.signal,
    });
  }

  async getBars(req: BarsRequest): Promise<BarsResult> {
    const to = req.to ?? Date.now();
    let bars: Bar[];
    if (TIMESALES[req.interval]) {
      const from = req.from ?? to - 5 * 86_400_000;
      const body = await this.get(
        '/v1/markets/timesales',
        { symbol: req.symbol, interval: TIMESALES[req.interval], start: etMinute(from), end: etMinute(to), session_filter: req.extendedHours === false ? 'open' : 'all' },
        req,
      );
      const series = parseBody(this.id, tradierTimesalesSchema, body, 'timesales').series;
      if (!series) throw new ProviderError(this.id, 'empty', `no ${req.interval} bars for ${req.symbol}`);
      bars = series.data.map((d) => ({
        time: d.timestamp * 1000,
        open: d.open ?? NaN,
        high: d.high ?? NaN,
        low: d.low ?? NaN,
        close: d.close ?? NaN,
        volume: d.volume ?? 0,
        ...(d.vwap != null ? { vwap: d.vwap } : {}),
      }));
    } else if (HISTORY[req.interval]) {
      const from = req.from ?? to - (req.interval === '1W' ? 3650 : 730) * 86_400_000;
      const body = await this.get('/v1/markets/history', { symbol: req.symbol, interval: HISTORY[req.interval], start: etDate(from), end: etDate(to) }, req);
      const history = parseBody(this.id, tradierHistorySchema, body, 'history').history;
      if (!history) throw new ProviderError(this.id, 'empty', `no ${req.interval} history for ${req.symbol}`);
      bars = history.day.map((d) => ({ time: Date.parse(`${d.date}T00:00:00Z`), open: d.open ?? NaN, high: d.high ?? NaN, low: d.low ?? NaN, close: d.close ?? NaN, volume: d.volume ?? 0 }));
    } else {
      throw new ProviderError(this.id, 'unsupported', `Tradier has no ${req.interval} bars`);
    }
    const checked = checkBars(bars, req.interval, Date.now());
    let clean = checked.bars.filter((b) => b.time <= to);
    if (req.limit !== undefined && clean.length > req.limit) clean = clean.slice(clean.length - req.limit);
    if (!clean.length) throw new ProviderError(this.id, 'empty', `no ${req.interval} bars for ${req.symbol}`);
    return {
      symbol: req.symbol.toUpperCase(),
      interval: req.interval,
      bars: clean,
      data_source: this.source,
      as_of: isoOf(clean[clean.length - 1].time),
      ...barsQuality(checked, clean, req.interval, Math.min(to, Date.now())),
    };
  }

  /** Quotes for one or more symbols (stocks or OCC option symbols). */
  async getQuotes(symbols: string[], opts?: CallOptions): Promise<Quote[]> {
    const body = await this.get('/v1/markets/quotes', { symbols: symbols.join(','), greeks: false }, opts);
    const quotes = parseBody(this.id, tradierQuotesSchema, body, 'quotes').quotes?.quote ?? [];
    return quotes
      .filter((q) => q.last != null || q.bid != null)
      .map((q) => {
        const time = q.trade_date ?? Date.now();
        return {
          symbol: q.symbol,
          last: q.last ?? ((q.bid ?? 0) + (q.ask ?? 0)) / 2,
          bid: q.bid ?? undefined,
          ask: q.ask ?? undefined,
          prev_close: q.prevclose ?? undefined,
          time,
          data_source: this.source,
          as_of: isoOf(time),
          stale: false,
        };
      });
  }

  async getQuote(symbol: string, opts?: CallOptions): Promise<Quote> {
    const [q] = await this.getQuotes([symbol], opts);
    if (!q) throw new ProviderError(this.id, 'not_found', `no quote for ${symbol}`);
    return q;
  }

  async getClock(opts?: CallOptions): Promise<MarketClock> {
    const c = parseBody(this.id, tradierClockSchema, await this.get('/v1/markets/clock', {}, opts), 'clock').clock;
    const status = c.state === 'open' ? 'open' : c.state === 'premarket' ? 'pre' : c.state === 'postmarket' ? 'post' : 'closed';
    return { status, now: isoOf(c.timestamp * 1000), data_source: this.source, as_of: isoOf(c.timestamp * 1000), stale: false };
  }

  async getExpirations(underlying: string, opts?: CallOptions): Promise<ExpirationsResult> {
    const body = await this.get('/v1/markets/options/expirations', { symbol: underlying, includeAllRoots: true }, opts);
    const e = parseBody(this.id, tradierExpirationsSchema, body, 'expirations').expirations;
    if (!e) throw new ProviderError(this.id, 'not_found', `no expirations for ${underlying}`);
    return { underlying: underlying.toUpperCase(), expirations: e.date, data_source: this.source, as_of: isoOf(Date.now()), stale: false };
  }

  async getChain(req: ChainRequest): Promise<OptionChain> {
    const expiration = req.expiration ?? (await this.getExpirations(req.underlying, req)).expirations[0];
    const body = await this.get('/v1/markets/options/chains', { symbol: req.underlying, expiration, greeks: true }, req);
    const options = parseBody(this.id, tradierChainSchema, body, 'chain').options;
    if (!options) throw new ProviderError(this.id, 'empty', `no ${req.underlying} contracts for ${expiration}`);
    const contracts = options.option.map((o) => {
      const g = o.greeks;
      const iv = g ? (g.mid_iv && g.mid_iv > 0 ? g.mid_iv : (g.smv_vol ?? null)) : null;
      return {
        symbol: o.symbol,
        underlying: o.underlying,
        expiration: o.expiration_date,
        type: o.option_type,
        strike: o.strike,
        bid: o.bid ?? null,
        ask: o.ask ?? null,
        last: o.last ?? null,
        volume: o.volume ?? null,
        open_interest: o.open_interest ?? null,
        iv,
        delta: g?.delta ?? null,
        gamma: g?.gamma ?? null,
        theta: g?.theta ?? null,
        vega: g?.vega ?? null,
        rho: g?.rho ?? null,
        greeks_source: g ? ('vendor' as const) : null,
      };
    });
    return { underlying: req.underlying.toUpperCase(), underlying_price: null, contracts, data_source: this.source, as_of: isoOf(Date.now()), stale: false };
  }
}

/** Tradier timesales take ET wall times "YYYY-MM-DD HH:MM". */
function etMinute(utcMs: number): string {
  const local = new Date(utcMs + etOffsetMs(utcMs)).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}
