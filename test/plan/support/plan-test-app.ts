import 'reflect-metadata';
import { Global, INestApplication, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AuthGuard } from '../../../src/common/auth/auth.guard';
import { AllExceptionsFilter } from '../../../src/common/http-exception.filter';
import { createValidationPipe } from '../../../src/common/validation';
import { AppConfigModule } from '../../../src/config/config.module';
import { MARKET_DATA_PORT, OPTIONS_DATA_PORT, type BarsQuery, type MarketDataPort } from '../../../src/modules/data-ports/data-ports';
import { PlanModule } from '../../../src/modules/plan/plan.module';
import { ScanModule } from '../../../src/modules/scan/scan.module';
import { PersistenceModule } from '../../../src/persistence/persistence.module';
import { FixedClock, SyntheticMarketDataProvider, SyntheticOptionsProvider } from '../../../src/providers/embedded';
import { ProviderError } from '../../../src/providers/provider.errors';
import { CLOCK } from '../../../src/providers/provider.types';
import { boundedMemoryStore } from '../../../src/providers/cache/cache-store.factory';
import { MarketDataService } from '../../../src/providers/chain/market-data.service';
import { OptionsDataService } from '../../../src/providers/chain/options-data.service';
import type { ChainRunnerOptions } from '../../../src/providers/chain/chain-runner';
import { tempDataDir } from '../../support/test-app';

/**
 * The embedded synthetic provider behind the market-data port (what the chain serves with no keys),
 * with tickers in `failing` answering an upstream error — to show per-ticker errors.
 */
export class SyntheticPort implements MarketDataPort {
  readonly failing = new Set<string>();
  calls = 0;
  private readonly provider: SyntheticMarketDataProvider;
  constructor(readonly clock: FixedClock) {
    this.provider = new SyntheticMarketDataProvider({ clock });
  }
  async getBars(q: BarsQuery) {
    this.calls++;
    if (this.failing.has(q.symbol)) throw new ProviderError('synthetic', 'upstream', `simulated outage for ${q.symbol}`);
    return this.provider.getBars(q);
  }
  getQuote(symbol: string) {
    return this.provider.getQuote(symbol);
  }
}

export interface PlanTestApp {
  app: INestApplication;
  http: any;
  port: SyntheticPort;
  clock: FixedClock;
  close(): Promise<void>;
}

/**
 * Plan + Scan (+ Contracts) modules with the real persistence (embedded store in a temp dir),
 * validation pipe, exception filter and auth guard; market data and options from the synthetic
 * providers pinned to `nowIso` (the full app's clock cannot be pinned for synthetic data).
 */
export async function createPlanTestApp(nowIso: string, opts: { chain?: boolean; cacheMb?: number } = {}): Promise<PlanTestApp> {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (/^(DATABASE_URL|DB_URL|REDIS_URL|BACKEND_API_KEYS?|FF_|PUBLIC_BASE_URL)/.test(k)) delete process.env[k];
  Object.assign(process.env, { DATA_DIR: tempDataDir('tc-plan-'), LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const clock = new FixedClock(Date.parse(nowIso));
  const port = new SyntheticPort(clock);
  const market = new SyntheticMarketDataProvider({ clock });
  const options = new SyntheticOptionsProvider({ clock, spot: async (s) => (await market.getQuote(s)).last });
  // chain: the ports are the app's provider chain services (bars cached 30 s, chains 15 s, in the bounded in-memory store)
  let marketPort: MarketDataPort = port;
  let optionsPort: unknown = options;
  if (opts.chain) {
    const { keyv } = boundedMemoryStore({ providerCacheEntries: 5000, providerCacheBytes: (opts.cacheMb ?? 24) * 1024 * 1024 });
    const runner: ChainRunnerOptions = {
      timeoutMs: 30_000,
      cache: { get: (k) => keyv.get(k), set: (k, v, ttl) => keyv.set(k, v, ttl) },
      // as ProvidersModule sizes it: half the cache budget
      hot: { maxEntries: 5000, maxBytes: Math.floor(((opts.cacheMb ?? 24) * 1024 * 1024) / 2) },
    };
    marketPort = new MarketDataService([market], clock, runner);
    optionsPort = new OptionsDataService([options], runner);
  }
  @Global()
  @Module({ providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] })
  class TestClockModule {}
  const moduleRef = await Test.createTestingModule({
    imports: [AppConfigModule, PersistenceModule, TestClockModule, PlanModule, ScanModule],
    providers: [
      { provide: APP_PIPE, useFactory: createValidationPipe },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useClass: AllExceptionsFilter },
    ],
  })
    // the data ports normally point at the provider chain; here at the synthetic provider on a pinned clock
    .overrideProvider(MARKET_DATA_PORT)
    .useValue(marketPort)
    .overrideProvider(OPTIONS_DATA_PORT)
    .useValue(optionsPort)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    port,
    clock,
    close: async () => {
      await app.close();
      process.env = saved;
    },
  };
}
