import { MarketDataService, OptionsDataService, ProviderHealthService } from '../../../src/providers/chain';
import { createTestApp } from '../../support/test-app';

describe('provider layer with no environment at all', () => {
  it('serves bars, quotes and a full option chain for any symbol from the embedded default, labelled, deterministic', async () => {
    // The service clock is pinned: bars cache keys follow its minute, and a cold first call on a loaded
    // machine could otherwise straddle a minute boundary and make the second call a legitimate miss.
    const t = await createTestApp({}, { clockMs: Date.parse('2026-11-20T16:00:10Z') });
    try {
      const market = t.app.get(MarketDataService);
      const options = t.app.get(OptionsDataService);
      const a = await market.getBars({ symbol: 'nvda', interval: '4h', limit: 50 });
      expect(a).toMatchObject({ symbol: 'NVDA', interval: '4h', data_source: 'synthetic', stale: false });
      expect(a.bars.length).toBeGreaterThan(10);
      const again = await market.getBars({ symbol: 'NVDA', interval: '4h', limit: 50 });
      expect(again.cached).toBe(true);
      expect(again.bars).toEqual(a.bars);
      const q = await market.getQuote('NVDA');
      expect(q.data_source).toBe('synthetic');
      const chain = await options.getChain({ underlying: 'NVDA' });
      expect(chain.contracts.length).toBeGreaterThan(100);
      expect(chain.underlying_price).toBe(q.last);
      expect(t.app.get(ProviderHealthService).snapshot().capabilities[0]).toMatchObject({
        capability: 'market_data',
        providers: [
          { id: 'replay', state: 'closed' },
          { id: 'synthetic', state: 'closed' },
        ],
      });
    } finally {
      await t.close();
    }
  });
});
