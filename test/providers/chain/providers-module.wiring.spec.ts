import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { APP_CONFIG } from '../../../src/config/app-config';
import { loadConfig } from '../../../src/config/load-config';
import { FinnhubAdapter, PolygonAdapter, TradierAdapter, TradingEconomicsAdapter } from '../../../src/providers/adapters';
import { MarketDataService, ProviderHealthService } from '../../../src/providers/chain';
import { ReplayClock, ReplayMarketDataProvider, SyntheticMarketDataProvider, SyntheticOptionsProvider, SystemClock } from '../../../src/providers/embedded';
import { CLOCK, ENRICHMENT_PROVIDERS, MARKET_DATA_PROVIDERS, OPTIONS_PROVIDERS } from '../../../src/providers/provider.types';
import { ProvidersModule } from '../../../src/providers/providers.module';
import { readFixtureText } from '../../support/fixtures';

/** ProvidersModule alone, with APP_CONFIG from the given environment (as the app's config module provides it). */
async function boot(env: Record<string, string>) {
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tc-chain-'));
  const config = loadConfig({ DATA_DIR: dataDir, REPLAY_CLOCK: 'end', ...env });
  @Global()
  @Module({ providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] })
  class ConfigStub {}
  const mod = await Test.createTestingModule({ imports: [ConfigStub, ProvidersModule] }).compile();
  mod.useLogger(false);
  return mod;
}

const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);

describe('ProvidersModule wiring', () => {
  it('no keys: the embedded default (replay, synthetic) and the system clock when the replay folder is empty', async () => {
    const mod = await boot({});
    expect(ids(mod.get(MARKET_DATA_PROVIDERS))).toEqual(['replay', 'synthetic']);
    expect(mod.get(MARKET_DATA_PROVIDERS)[1]).toBeInstanceOf(SyntheticMarketDataProvider);
    expect(mod.get(OPTIONS_PROVIDERS)[0]).toBeInstanceOf(SyntheticOptionsProvider);
    expect(mod.get(ENRICHMENT_PROVIDERS)).toEqual([]);
    expect(mod.get(CLOCK)).toBeInstanceOf(SystemClock);
    await mod.close();
  });

  it('vendor keys: adapters in config order, no embedded provider, enrichment Trading Economics then Finnhub', async () => {
    const mod = await boot({ POLYGON_API_KEY: 'k', TRADIER_API_TOKEN: 't', FINNHUB_API_KEY: 'f', TE_API_KEY: 'e' });
    const market = mod.get(MARKET_DATA_PROVIDERS);
    expect(ids(market)).toEqual(['polygon', 'tradier']);
    expect(market[0]).toBeInstanceOf(PolygonAdapter);
    expect(market[1]).toBeInstanceOf(TradierAdapter);
    expect(ids(mod.get(OPTIONS_PROVIDERS))).toEqual(['tradier', 'polygon']);
    const enrichment = mod.get(ENRICHMENT_PROVIDERS);
    expect(enrichment[0]).toBeInstanceOf(TradingEconomicsAdapter);
    expect(enrichment[1]).toBeInstanceOf(FinnhubAdapter);
    expect(
      mod
        .get(ProviderHealthService)
        .snapshot()
        .capabilities.map((c) => [c.capability, ids(c.providers)]),
    ).toEqual([
      ['market_data', ['polygon', 'tradier']],
      ['options', ['tradier', 'polygon']],
      ['enrichment', ['tradingeconomics', 'finnhub']],
    ]);
    await mod.close();
  });

  it('an adapter without its key is left out of an explicit order; synthetic only when listed', async () => {
    const noKey = await boot({ MARKET_DATA_PROVIDERS: 'polygon,synthetic' });
    expect(ids(noKey.get(MARKET_DATA_PROVIDERS))).toEqual(['synthetic']);
    await noKey.close();
    const mixed = await boot({ MARKET_DATA_PROVIDERS: 'polygon,synthetic', POLYGON_API_KEY: 'k' });
    expect(ids(mixed.get(MARKET_DATA_PROVIDERS))).toEqual(['polygon', 'synthetic']);
    await mixed.close();
    const liveOnly = await boot({ POLYGON_API_KEY: 'k' });
    expect(ids(liveOnly.get(MARKET_DATA_PROVIDERS))).toEqual(['polygon']);
    await liveOnly.close();
  });

  it('replay files and replay in the chain: the service clock is the replay clock, shared by the synthetic provider', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-chain-replay-'));
    fs.mkdirSync(path.join(dataDir, 'replay'));
    fs.writeFileSync(path.join(dataDir, 'replay', 'SPY_1m.csv'), readFixtureText('bars', 'lean_spy_1m_2023-08-03.csv'));
    const mod = await boot({ DATA_DIR: dataDir });
    const clock = mod.get(CLOCK);
    expect(clock).toBeInstanceOf(ReplayClock);
    // REPLAY_CLOCK=end: standing after the last recorded bar (19:59 ET → 23:59 UTC, +1 min)
    expect(new Date(clock.now()).toISOString()).toBe('2023-08-04T00:00:00.000Z');
    expect(mod.get(MARKET_DATA_PROVIDERS)[0]).toBeInstanceOf(ReplayMarketDataProvider);
    const market = mod.get(MarketDataService);
    const spy = await market.getBars({ symbol: 'SPY', interval: '1m', limit: 5 });
    expect(spy.data_source).toBe('replay');
    const other = await market.getBars({ symbol: 'ZZZZ', interval: '5m', limit: 5 });
    expect(other.data_source).toBe('synthetic');
    expect(other.bars[other.bars.length - 1].time).toBeLessThan(clock.now());
    // embedded → embedded is not a live-vendor fallback
    expect(other).not.toHaveProperty('fallback_from');
    await mod.close();
  });
});
