import { Inject, Injectable } from '@nestjs/common';
import { UpstreamError } from '../../common/errors';
import type { Bar } from '../../core/bars/bar';
import { instrumentOf } from '../../core/instruments/instrument';
import { ratioFromBars, ratioFromQuote, type ProxyRatio } from '../../core/instruments/proxy-ratio';
import { CLOCK, type Clock } from '../../providers/provider.types';
import { MARKET_DATA_PORT, type MarketDataPort } from '../data-ports/data-ports';

export type FeedHealth = 'healthy' | 'degraded' | 'failed';

/** One-minute bars fetched for the ratio window (60 aligned minutes + slack for gaps). */
const RATIO_BARS = 90;

/**
 * The I/O half of index mode: the live index/proxy ratio from the market-data chain. Index 1-minute
 * bars aligned with the proxy's first; an index quote against the proxy's minute second; otherwise a
 * 503 `index_ratio_unavailable` — never a fixed constant.
 */
@Injectable()
export class IndexProxyService {
  constructor(
    @Inject(MARKET_DATA_PORT) private readonly market: MarketDataPort,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** {index, proxy} of an index symbol, or null for anything else. */
  pairOf(symbol: string): { index: string; proxy: string } | null {
    const inst = instrumentOf(symbol);
    return inst.kind === 'index' && inst.etf_proxy ? { index: inst.symbol, proxy: inst.etf_proxy } : null;
  }

  /** The ratio as of `toMs` (default now): index points per 1.00 of the proxy, with how it was measured. */
  async ratio(index: string, proxy: string, toMs?: number): Promise<ProxyRatio & { feed_health: Record<string, FeedHealth> }> {
    const to = toMs !== undefined ? { to: toMs } : {};
    const [idxR, pxR] = await Promise.allSettled([
      this.market.getBars({ symbol: index, interval: '1m', limit: RATIO_BARS, extendedHours: false, ...to }),
      this.market.getBars({ symbol: proxy, interval: '1m', limit: RATIO_BARS, extendedHours: false, ...to }),
    ]);
    const proxyBars: Bar[] = pxR.status === 'fulfilled' ? [...pxR.value.bars] : [];
    const health: Record<string, FeedHealth> = {
      index_bars: idxR.status === 'fulfilled' && idxR.value.bars.length ? (idxR.value.stale ? 'degraded' : 'healthy') : 'failed',
      proxy_bars: pxR.status === 'fulfilled' && proxyBars.length ? (pxR.value.stale ? 'degraded' : 'healthy') : 'failed',
    };
    if (idxR.status === 'fulfilled' && pxR.status === 'fulfilled') {
      const r = ratioFromBars(idxR.value.bars, proxyBars, `${idxR.value.data_source}+${pxR.value.data_source}`);
      if (r) return { ...r, feed_health: health };
    }
    if (proxyBars.length) {
      try {
        const q = await this.market.getQuote(index);
        health.index_quote = 'healthy';
        // same source only: a synthetic index print against replayed proxy bars measures nothing
        const pxSource = pxR.status === 'fulfilled' ? pxR.value.data_source : '';
        if ((toMs === undefined || q.time <= toMs) && q.data_source === pxSource) {
          const r = ratioFromQuote(q.last, q.time, proxyBars, `${q.data_source}+${pxSource}`);
          if (r) return { ...r, feed_health: health };
        }
      } catch {
        health.index_quote = 'failed';
      }
    }
    throw new UpstreamError(`Cannot measure the ${index}/${proxy} ratio: no ${index} print aligns with a ${proxy} one-minute close`, 503, 'index_ratio_unavailable');
  }

  /** Service clock "now" (UTC ms). */
  now(): number {
    return this.clock.now();
  }
}
