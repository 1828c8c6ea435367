import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({
      port: 8000,
      dataDir: '/srv/app/data',
      databaseUrl: undefined,
      auth: { enabled: false },
      marketDataProviders: ['replay', 'synthetic'],
      optionsProviders: ['synthetic'],
      replay: { dir: '/srv/app/data/replay', clock: 'live', speed: 60 },
      publicBaseUrl: 'http://localhost:8000',
      corsOrigins: ['http://localhost:3000'],
      flags: { chartCanonicalV1: true, layersEndpoint: true, optionsAlways: true, indexSniperMode: false },
      enrichment: { calendar: 'synthetic', blockMinutes: 10 },
      logLevel: 'info',
    });
  });

  it('maps keys to users and picks vendors whose keys are set', () => {
    const c = loadConfig({ BACKEND_API_KEYS: 'key-alice-1:alice, key-bob-22:bob', POLYGON_API_KEY: 'p', TRADIER_SANDBOX_TOKEN: 't', DB_URL: 'postgres://u@h/db' });
    expect([...c.auth.keys]).toEqual([
      ['key-alice-1', 'alice'],
      ['key-bob-22', 'bob'],
    ]);
    expect(c.marketDataProviders).toEqual(['polygon', 'tradier']);
    expect(c.optionsProviders).toEqual(['tradier', 'polygon']);
    expect(c.databaseUrl).toBe('postgres://u@h/db');
  });

  it('stops with one message naming every bad variable and what is allowed', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', FF_OPTIONS_ALWAYS: 'maybe', MARKET_DATA_PROVIDERS: 'polygon,bloomberg', DATABASE_URL: 'mysql://x', REPLAY_CLOCK: 'now' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/PORT .*integer/);
    expect(msg).toMatch(/FF_OPTIONS_ALWAYS .*one of 1, 0/);
    expect(msg).toMatch(/MARKET_DATA_PROVIDERS .*polygon, yahoo, tradier, replay, synthetic/);
    expect(msg).toMatch(/DATABASE_URL .*postgres/);
    expect(msg).toMatch(/REPLAY_CLOCK .*live or end/);
  });
});
