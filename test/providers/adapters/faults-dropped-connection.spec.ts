/**
 * The fault matrix's dropped connection, against a real TCP peer on 127.0.0.1 (no HTTP mocking: the
 * earlier nock version emitted its reset on a mock socket after the request had let go of it, an
 * intermittent unhandled error). The peer reads the request, then resets before any byte, or writes
 * half a header block, or a full head and half the body, and closes.
 * Adapter: a typed `upstream` error, fast (well within the call's bound). Service: a chain with a
 * synthetic fallback answers 200 disclosing the fallback (`fallback_from` + banner); a chain of the
 * live vendor alone answers 502/503 — never a 500 and never an unhandled error.
 */
import request from 'supertest';
import { PolygonAdapter, TradierAdapter } from '../../../src/providers/adapters';
import { loadConfig } from '../../../src/config/load-config';
import type { ProviderError } from '../../../src/providers/provider.errors';
import { DroppingPeer, type DropMode } from '../../support/dropping-peer';
import { createTestApp, type TestApp } from '../../support/test-app';
import { http } from './support';

const MODES: DropMode[] = ['reset', 'headers', 'body'];
const BOUND_MS = 2000;

const peer = new DroppingPeer();
beforeAll(() => peer.start());
afterAll(() => peer.close());

const rejection = (p: Promise<unknown>): Promise<ProviderError> =>
  p.then(
    () => {
      throw new Error('expected the call to reject');
    },
    (e: unknown) => e as ProviderError,
  );

describe('adapters against a peer that drops the connection', () => {
  const config = () => loadConfig({ POLYGON_API_KEY: 'pk', TRADIER_API_TOKEN: 'tk', MARKETDATA_BASE_URL: peer.url, TRADIER_BASE_URL: peer.url, PROVIDER_TIMEOUT_MS: String(BOUND_MS) });
  const calls: Array<[string, string, () => Promise<unknown>]> = [
    ['polygon', 'bars', () => new PolygonAdapter(http(), config()).getBars({ symbol: 'SPY', interval: '5m' })],
    ['polygon', 'quote', () => new PolygonAdapter(http(), config()).getQuote('SPX')],
    ['polygon', 'chain', () => new PolygonAdapter(http(), config()).getChain({ underlying: 'SPY' })],
    ['tradier', 'quote', () => new TradierAdapter(http(), config()).getQuote('SPY')],
    ['tradier', 'bars', () => new TradierAdapter(http(), config()).getBars({ symbol: 'SPY', interval: '1D' })],
  ];
  const grid = MODES.flatMap((mode) => calls.map(([provider, what, call]) => ({ mode, provider, what, call })));

  it.each(grid)('$provider $what, dropped ($mode) → upstream within the bound', async ({ mode, provider, call }) => {
    peer.mode = mode;
    const before = peer.requests.length;
    const t0 = Date.now();
    const err = await rejection(call());
    expect(peer.requests.length).toBeGreaterThan(before); // the request did reach the peer
    expect(err.name).toBe('ProviderError');
    expect(err).toMatchObject({ provider, kind: 'upstream' });
    expect(err.message).toMatch(/network error|aborted|socket hang up|ECONNRESET|stream/i);
    expect(Date.now() - t0).toBeLessThan(BOUND_MS); // failed on the drop, not by waiting for the timeout
  });
});

describe('the service with its market-data vendor dropping connections', () => {
  const env = (providers: string) => ({
    POLYGON_API_KEY: 'pk',
    MARKETDATA_BASE_URL: peer.url,
    MARKET_DATA_PROVIDERS: providers,
    OPTIONS_PROVIDERS: 'synthetic',
    PROVIDER_TIMEOUT_MS: String(BOUND_MS),
  });

  describe('polygon then synthetic', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(env('polygon,synthetic'));
    });
    afterAll(() => t.close());

    it.each(MODES)('a plan falls back to synthetic and says so (%s)', async (mode) => {
      peer.mode = mode;
      const symbol = { reset: 'AAPL', headers: 'MSFT', body: 'NVDA' }[mode]; // a fresh symbol: no cached answer
      const r = await request(t.http).post('/gpt/plan').send({ symbol, style: 'intraday' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ data_source: 'synthetic', fallback_from: 'polygon' });
      expect(r.body.banners).toEqual(expect.arrayContaining([expect.stringMatching(/^FALLBACK — polygon did not answer/)]));
    });
  });

  describe('polygon alone', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(env('polygon'));
    });
    afterAll(() => t.close());

    it.each(MODES)('a plan is a 502/503 naming the vendor, never a 500 (%s)', async (mode) => {
      peer.mode = mode;
      const symbol = { reset: 'AMD', headers: 'META', body: 'TSLA' }[mode];
      const r = await request(t.http).post('/gpt/plan').send({ symbol, style: 'intraday' });
      expect([502, 503]).toContain(r.status);
      expect(r.body.error).not.toBe('internal_error');
      expect(JSON.stringify(r.body)).toMatch(/polygon/);
    });

    it('bars for a chart: the same typed answer', async () => {
      peer.mode = 'reset';
      const r = await request(t.http).get('/tv-api/bars').query({ symbol: 'QQQ', resolution: '5', from: 1_700_000_000, to: 1_700_086_400 });
      expect([502, 503]).toContain(r.status);
      expect(r.body.error).not.toBe('internal_error');
    });
  });
});
