import { EnrichmentService } from '../../../src/providers/chain/enrichment.service';
import { OptionsDataService } from '../../../src/providers/chain/options-data.service';
import { ProviderError } from '../../../src/providers/provider.errors';
import type { EnrichmentProvider, MacroCalendar, OptionsProvider } from '../../../src/providers/provider.types';

const macro = (id: string): MacroCalendar => ({ events: [{ time: '2024-06-12T12:30:00Z', country: 'US', event: `CPI (${id})`, importance: 'high' }], data_source: id, as_of: 'x', stale: false });

describe('EnrichmentService', () => {
  function providers(teFails: boolean) {
    const calls: string[] = [];
    const finnhub: EnrichmentProvider = {
      id: 'finnhub',
      getNewsSentiment: async (symbol) => (calls.push(`finnhub:sentiment:${symbol}`), { symbol, score: 0.4, data_source: 'finnhub', as_of: 'x', stale: false }),
      getMacroEvents: async () => (calls.push('finnhub:macro'), macro('finnhub')),
    };
    const te: EnrichmentProvider = {
      id: 'tradingeconomics',
      getMacroEvents: async () => {
        calls.push('te:macro');
        if (teFails) throw new ProviderError('tradingeconomics', 'upstream', 'HTTP 500');
        return macro('tradingeconomics');
      },
    };
    // registered Finnhub first on purpose: macro still asks Trading Economics first
    return { calls, list: [finnhub, te] };
  }

  it('macro events: Trading Economics first, Finnhub as the fallback', async () => {
    const ok = providers(false);
    const a = await new EnrichmentService(ok.list, { timeoutMs: 1000 }).getMacroEvents('2024-06-10', '2024-06-14');
    expect(a.data_source).toBe('tradingeconomics');
    expect(ok.calls).toEqual(['te:macro']);
    const failing = providers(true);
    const b = await new EnrichmentService(failing.list, { timeoutMs: 1000 }).getMacroEvents('2024-06-10', '2024-06-14');
    expect(b.data_source).toBe('finnhub');
    expect(failing.calls).toEqual(['te:macro', 'finnhub:macro']);
  });

  it('only providers offering a capability are asked; none → 404, never invented events', async () => {
    const p = providers(false);
    const svc = new EnrichmentService(p.list, { timeoutMs: 1000 });
    expect(await svc.getNewsSentiment('aapl')).toMatchObject({ symbol: 'AAPL', data_source: 'finnhub' });
    await expect(svc.getEarningsCalendar('2024-06-10', '2024-06-14')).rejects.toMatchObject({ status: 404 });
    await expect(new EnrichmentService([], { timeoutMs: 1000 }).getMacroEvents('2024-06-10', '2024-06-14')).rejects.toMatchObject({ status: 404 });
  });

  it('rejects malformed date ranges with a typed 400 before any vendor call', async () => {
    const p = providers(false);
    const svc = new EnrichmentService(p.list, { timeoutMs: 1000 });
    await expect(svc.getMacroEvents('2024-6-1', '2024-06-14')).rejects.toMatchObject({ status: 400, code: 'validation_failed' });
    await expect(svc.getMacroEvents('2024-06-14', '2024-06-10')).rejects.toMatchObject({ status: 400 });
    await expect(svc.getEarningsCalendar('2024-06-10', 'tomorrow')).rejects.toMatchObject({ status: 400 });
    expect(p.calls).toEqual([]);
  });
});

describe('OptionsDataService', () => {
  function vendor(id: string, fail?: ProviderError) {
    const calls: string[] = [];
    const p: OptionsProvider = {
      id,
      testSymbol: 'SPY',
      async getExpirations(u) {
        calls.push(`exp:${u}`);
        if (fail) throw fail;
        return { underlying: u, expirations: ['2024-06-14'], data_source: id, as_of: 'x', stale: false };
      },
      async getChain(req) {
        calls.push(`chain:${req.underlying}:${req.expiration ?? '*'}`);
        if (fail) throw fail;
        return { underlying: req.underlying, underlying_price: 100, contracts: [], data_source: id, as_of: 'x', stale: false };
      },
    };
    return { p, calls };
  }

  function mapCache() {
    const m = new Map<string, unknown>();
    return { get: async (k: string) => m.get(k) as any, set: async (k: string, v: unknown) => void m.set(k, v) };
  }

  it('falls back tradier → polygon, caches per underlying and expiration', async () => {
    const tradier = vendor('tradier', new ProviderError('tradier', 'unauthorized', 'HTTP 401'));
    const polygon = vendor('polygon');
    const svc = new OptionsDataService([tradier.p, polygon.p], { timeoutMs: 1000, cache: mapCache() });
    expect(await svc.getChain({ underlying: 'spy', expiration: '2024-06-14' })).toMatchObject({ underlying: 'SPY', data_source: 'polygon' });
    expect((await svc.getChain({ underlying: 'SPY', expiration: '2024-06-14' })).cached).toBe(true);
    expect((await svc.getChain({ underlying: 'SPY', expiration: '2024-06-21' })).cached).toBeUndefined();
    expect((await svc.getChain({ underlying: 'SPY' })).cached).toBeUndefined();
    expect((await svc.getExpirations('SPY')).data_source).toBe('polygon');
    expect(polygon.calls).toEqual(['chain:SPY:2024-06-14', 'chain:SPY:2024-06-21', 'chain:SPY:*', 'exp:SPY']);
  });

  it('a live options vendor falling back to the synthetic chain is flagged', async () => {
    const svc = new OptionsDataService([vendor('tradier', new ProviderError('tradier', 'timeout', 'slow')).p, vendor('synthetic').p], { timeoutMs: 1000 });
    expect(await svc.getChain({ underlying: 'SPY' })).toMatchObject({ data_source: 'synthetic', fallback_from: 'tradier' });
  });
});
