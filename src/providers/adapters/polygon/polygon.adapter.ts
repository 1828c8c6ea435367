import { HttpService } from '@nestjs/axios';
import { Inject, Injectable } from '@nestjs/common';
import type { Interval } from '../../../core/bars/interval';
import { etDate } from '../../../core/session/et-time';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { ProviderError } from '../../provider.errors';
import type { BarsRequest, BarsResult, CallOptions, ChainRequest, ExpirationsResult, MarketClock, MarketDataProvider, OptionChain, OptionContract, OptionsProvider, Quote } from '../../provider.types';
import { getJson, parseBody } from '../http-json';
import { isoOf } from '../normalize';
import { barsQuality, checkBars } from '../bar-sanity';
import { polygonAggsSchema, polygonIndicesSnapshotSchema, polygonLastNbboSchema, polygonLastTradeSchema, polygonMarketStatusSchema, polygonOptionsSnapshotSchema } from './polygon.schemas';

const SPAN: Record<Interval, [number, string]> = {
  '1m': [1, 'minute'],
  '3m': [3, 'minute'],
  '5m': [5, 'minute'],
  '15m': [15, 'minute'],
  '30m': [30, 'minute'],
  '1h': [1, 'hour'],
  '4h': [4, 'hour'],
  '1D': [1, 'day'],
  '1W': [1, 'week'],
};
const INDEX = new Set(['SPX', 'NDX', 'DJX', 'VIX', 'RUT']);
/** Polygon index tickers are prefixed `I:` (SPX → I:SPX). */
export const polygonTicker = (s: string) => (INDEX.has(s.toUpperCase()) ? `I:${s.toUpperCase()}` : s.toUpperCase());
const MAX_PAGES = 20;

/**
 * Polygon (Massive) REST (id `polygon`): v2 aggregates (split-adjusted, following next_url); quotes
 * from last trade + NBBO (previous close on plans without them) and the indices snapshot for I:
 * tickers; market status; v3 option chain snapshots (greeks, IV, OI, last quote; following next_url).
 * Polygon's greeks are per share, theta per day and vega per 1 vol point — our units.
 */
@Injectable()
export class PolygonAdapter implements MarketDataProvider, OptionsProvider {
  readonly id = 'polygon';
  readonly testSymbol = 'SPY';

  constructor(
    private readonly http: HttpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get(urlOrPath: string, params: Record<string, string | number | boolean | undefined>, o?: CallOptions) {
    const url = urlOrPath.startsWith('http') ? urlOrPath : `${this.config.polygon.baseUrl}${urlOrPath}`;
    return getJson(this.http, this.id, url, {
      params: { ...params, apiKey: this.config.polygon.apiKey },
      timeoutMs: o?.timeoutMs ?? this.config.providerTimeoutMs,
      signal: o?.signal,
    });
  }

  async getBars(req: BarsRequest): Promise<BarsResult> {
    const [mult, span] = SPAN[req.interval];
    const to = req.to ?? Date.now();
    const from = req.from ?? to - (span === 'minute' ? 5 : span === 'hour' ? 60 : 730) * 86_400_000;
    let body = await this.get(
      `/v2/aggs/ticker/${encodeURIComponent(polygonTicker(req.symbol)).replace('%3A', ':')}/range/${mult}/${span}/${from}/${to}`,
      { adjusted: true, sort: 'asc', limit: 50000 },
      req,
    );
    const raw = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const p = parseBody(this.id, polygonAggsSchema, body, 'aggregates');
      for (const a of p.results ?? []) raw.push({ time: a.t, open: a.o, high: a.h, low: a.l, close: a.c, volume: a.v ?? 0, ...(a.vw != null ? { vwap: a.vw } : {}) });
      if (!p.next_url) break;
      body = await this.get(p.next_url, {}, req);
    }
    const checked = checkBars(raw, req.interval, Date.now());
    let bars = checked.bars;
    if (req.extendedHours === false && span !== 'day' && span !== 'week') {
      const { sessionTag } = await import('../../../core/session/session');
      bars = bars.filter((b) => sessionTag(b.time) === 'regular');
    }
    if (req.limit !== undefined && bars.length > req.limit) bars = bars.slice(bars.length - req.limit);
    if (!bars.length) throw new ProviderError(this.id, 'empty', `no ${req.interval} aggregates for ${req.symbol} ${etDate(from)}…${etDate(to)}`);
    return {
      symbol: req.symbol.toUpperCase(),
      interval: req.interval,
      bars,
      data_source: this.id,
      as_of: isoOf(bars[bars.length - 1].time),
      ...barsQuality(checked, bars, req.interval, Math.min(to, Date.now())),
    };
  }

  /**
   * Stocks: last trade (+ NBBO bid/ask when the plan has it); plans without real-time data answer
   * 401/403 there, and the quote falls back to the previous close. Indices: the indices snapshot.
   */
  async getQuote(symbol: string, opts?: CallOptions): Promise<Quote> {
    const ticker = polygonTicker(symbol);
    if (ticker.startsWith('I:')) return this.indexQuote(symbol, ticker, opts);
    const path = encodeURIComponent(ticker);
    let trade;
    try {
      trade = parseBody(this.id, polygonLastTradeSchema, await this.get(`/v2/last/trade/${path}`, {}, opts), 'last trade').results;
    } catch (err) {
      if (err instanceof ProviderError && (err.kind === 'unauthorized' || err.kind === 'not_found')) return this.prevClose(symbol, opts);
      throw err;
    }
    if (!trade) return this.prevClose(symbol, opts);
    const nbbo = await this.get(`/v2/last/nbbo/${path}`, {}, opts)
      .then((b) => parseBody(this.id, polygonLastNbboSchema, b, 'last NBBO').results ?? null)
      .catch(() => null); // bid/ask are a bonus: the trade alone is a quote
    const time = Math.floor(trade.t / 1e6); // ns → ms
    return { symbol: symbol.toUpperCase(), last: trade.p, bid: nbbo?.p ?? undefined, ask: nbbo?.P ?? undefined, time, data_source: this.id, as_of: isoOf(time), stale: false };
  }

  /** Previous day's close (the last price on plans without real-time data), stamped at its bar. */
  async prevClose(symbol: string, opts?: CallOptions): Promise<Quote> {
    const p = parseBody(
      this.id,
      polygonAggsSchema,
      await this.get(`/v2/aggs/ticker/${encodeURIComponent(polygonTicker(symbol)).replace('%3A', ':')}/prev`, { adjusted: true }, opts),
      'previous close',
    );
    const r = p.results?.[0];
    if (!r) throw new ProviderError(this.id, 'not_found', `no previous close for ${symbol}`);
    return { symbol: symbol.toUpperCase(), last: r.c, prev_close: r.c, time: r.t, data_source: this.id, as_of: isoOf(r.t), stale: false };
  }

  private async indexQuote(symbol: string, ticker: string, opts?: CallOptions): Promise<Quote> {
    const body = await this.get('/v3/snapshot/indices', { 'ticker.any_of': ticker }, opts);
    const r = parseBody(this.id, polygonIndicesSnapshotSchema, body, 'indices snapshot').results?.find((x) => x.ticker === ticker);
    if (!r || r.value == null) throw new ProviderError(this.id, 'not_found', `no index value for ${ticker}${r?.error ? ` (${r.error})` : ''}`);
    const time = r.last_updated ? Math.floor(r.last_updated / 1e6) : Date.now();
    return { symbol: symbol.toUpperCase(), last: r.value, prev_close: r.session?.previous_close ?? undefined, time, data_source: this.id, as_of: isoOf(time), stale: false };
  }

  async getClock(opts?: CallOptions): Promise<MarketClock> {
    const s = parseBody(this.id, polygonMarketStatusSchema, await this.get('/v1/marketstatus/now', {}, opts), 'market status');
    const status = s.market === 'open' ? 'open' : s.earlyHours ? 'pre' : s.afterHours ? 'post' : 'closed';
    const now = Date.parse(s.serverTime);
    return { status, now: isoOf(now), data_source: this.id, as_of: isoOf(now), stale: false };
  }

  async getExpirations(underlying: string, opts?: CallOptions): Promise<ExpirationsResult> {
    const chain = await this.getChain({ underlying, ...opts });
    return { underlying: chain.underlying, expirations: [...new Set(chain.contracts.map((c) => c.expiration))].sort(), data_source: this.id, as_of: chain.as_of, stale: false };
  }

  async getChain(req: ChainRequest): Promise<OptionChain> {
    let body = await this.get(`/v3/snapshot/options/${encodeURIComponent(polygonTicker(req.underlying)).replace('%3A', ':')}`, { limit: 250, expiration_date: req.expiration }, req);
    const contracts: OptionContract[] = [];
    let spot: number | null = null;
    let asOf = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const p = parseBody(this.id, polygonOptionsSnapshotSchema, body, 'option chain snapshot');
      for (const r of p.results ?? []) {
        spot ??= r.underlying_asset?.price ?? null;
        const updated = r.last_quote?.last_updated ? r.last_quote.last_updated / 1e6 : 0; // ns → ms
        asOf = Math.max(asOf, updated);
        contracts.push({
          symbol: r.details.ticker.replace(/^O:/, ''),
          underlying: req.underlying.toUpperCase(),
          expiration: r.details.expiration_date,
          type: r.details.contract_type,
          strike: r.details.strike_price,
          bid: r.last_quote?.bid ?? null,
          ask: r.last_quote?.ask ?? null,
          last: r.last_trade?.price ?? r.day?.close ?? null,
          volume: r.day?.volume ?? null,
          open_interest: r.open_interest ?? null,
          iv: r.implied_volatility ?? null,
          delta: r.greeks?.delta ?? null,
          gamma: r.greeks?.gamma ?? null,
          theta: r.greeks?.theta ?? null,
          vega: r.greeks?.vega ?? null,
          rho: null,
          greeks_source: r.greeks?.delta != null ? 'vendor' : null,
        });
      }
      if (!p.next_url) break;
      body = await this.get(p.next_url, {}, req);
    }
    if (!contracts.length) throw new ProviderError(this.id, 'empty', `no option contracts for ${req.underlying}`);
    return { underlying: req.underlying.toUpperCase(), underlying_price: spot, contracts, data_source: this.id, as_of: isoOf(asOf || Date.now()), stale: false };
  }
}
