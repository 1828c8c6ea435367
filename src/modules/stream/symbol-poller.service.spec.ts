import { loadConfig } from '../../config/load-config';
import type { MarketDataService } from '../../providers/chain';
import { StreamBus } from './stream-bus';
import { SymbolPollerService, TooManyStreamsError } from './symbol-poller.service';

describe('SymbolPollerService bounds', () => {
  const config = loadConfig({ STREAM_MAX_SYMBOLS: '3' });
  const market = { getBars: async () => ({ bars: [], data_source: 'synthetic', stale: false }) } as unknown as MarketDataService;
  let pollers: SymbolPollerService;
  beforeEach(() => (pollers = new SymbolPollerService(market, new StreamBus(config), { now: () => Date.parse('2024-06-12T15:00:00Z') }, config)));
  afterEach(() => pollers.onModuleDestroy());

  it('runs at most STREAM_MAX_SYMBOLS distinct pollers; a running symbol is always shared; a released slot is reusable', () => {
    const releases = ['AAA', 'BBB', 'CCC'].map((s) => pollers.acquire(s));
    expect(pollers.active).toHaveLength(3);
    expect(() => pollers.acquire('DDD')).toThrow(TooManyStreamsError);
    expect(() => pollers.ensureCapacity('DDD')).toThrow(/STREAM_MAX_SYMBOLS=3/);
    const shared = pollers.acquire('aaa'); // same symbol: shares the running poller
    expect(pollers.active).toHaveLength(3);
    shared();
    releases[1]();
    expect(pollers.active.sort()).toEqual(['AAA', 'CCC']);
    expect(() => pollers.acquire('DDD')).not.toThrow();
    expect(new TooManyStreamsError('x')).toMatchObject({ status: 503, code: 'too_many_streams' });
  });
});
