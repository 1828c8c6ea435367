import type { Bar } from '../../src/core/bars/bar';
import type { BarsQuery, MarketDataPort } from '../../src/modules/data-ports/data-ports';
import { IndexProxyService } from '../../src/modules/index-mode/index-proxy.service';
import { ProviderError } from '../../src/providers/provider.errors';
import type { BarsResult, Quote } from '../../src/providers/provider.types';

const T0 = Date.parse('2024-07-01T14:00:00Z');
const bars = (n: number, f: (i: number) => number): Bar[] => Array.from({ length: n }, (_, i) => ({ time: T0 + i * 60_000, open: f(i), high: f(i), low: f(i), close: f(i), volume: 1 }));

function port(opts: { index?: Bar[]; proxy: Bar[]; quote?: Partial<Quote>; source?: string }): MarketDataPort {
  return {
    async getBars(q: BarsQuery): Promise<BarsResult> {
      const b = q.symbol === 'SPY' ? opts.proxy : opts.index;
      if (!b) throw new ProviderError('x', 'not_found', 'no index bars');
      return { symbol: q.symbol, interval: q.interval, bars: b, data_source: opts.source ?? 'polygon', as_of: new Date(b[b.length - 1].time).toISOString(), stale: false };
    },
    async getQuote(symbol: string): Promise<Quote> {
      if (!opts.quote) throw new ProviderError('x', 'not_found', 'no quote');
      return { symbol, last: 0, time: 0, data_source: 'polygon', as_of: '', stale: false, ...opts.quote };
    },
  };
}
const clock = { now: () => T0 + 30 * 60_000 };

describe('IndexProxyService', () => {
  it('prefers aligned one-minute closes of index and proxy', async () => {
    const s = new IndexProxyService(port({ index: bars(30, (i) => 5500 + i), proxy: bars(30, (i) => 550 + i / 10) }), clock);
    const r = await s.ratio('SPX', 'SPY');
    expect(r).toMatchObject({ method: 'aligned_1m_spot', source: 'polygon+polygon', n: 30, feed_health: { index_bars: 'healthy', proxy_bars: 'healthy' } });
    expect(r.ratio).toBeCloseTo(5529 / 552.9, 6);
  });

  it('falls back to an index quote against the proxy minute of the same source', async () => {
    const s = new IndexProxyService(port({ proxy: bars(30, () => 550), quote: { last: 5522, time: T0 + 29 * 60_000 + 30_000 } }), clock);
    const r = await s.ratio('SPX', 'SPY');
    expect(r).toMatchObject({ method: 'quote_vs_1m_close', ratio: 10.04, feed_health: { index_bars: 'failed', index_quote: 'healthy' } });
  });

  it('no index print, or one from another source → 503 index_ratio_unavailable (never a constant)', async () => {
    await expect(new IndexProxyService(port({ proxy: bars(30, () => 550) }), clock).ratio('SPX', 'SPY')).rejects.toMatchObject({ status: 503, code: 'index_ratio_unavailable' });
    const mixed = port({ proxy: bars(30, () => 550), quote: { last: 5522, time: T0 + 29.5 * 60_000, data_source: 'synthetic' } });
    await expect(new IndexProxyService(mixed, clock).ratio('SPX', 'SPY')).rejects.toMatchObject({ code: 'index_ratio_unavailable' });
  });
});
