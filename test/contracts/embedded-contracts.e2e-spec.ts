/**
 * `/gpt/contracts` on the embedded default (no keys, fresh machine): the synthetic chains are shaped like
 * listed options, so the unchanged liquidity gates find contracts for the liquid names in every style,
 * and the response still says the data is synthetic. (Near expiry, e.g. a Friday-afternoon 0-DTE scalp,
 * the strike grid can leave no contract inside the |Δ| band, as on listed chains; measured rates in
 * docs/levels-and-volatility.md.)
 */
import request from 'supertest';
import { etWallToUtc } from '../../src/core/session/et-time';
import { createTestApp, type TestApp } from '../support/test-app';

const SYMBOLS = ['AAPL', 'MSFT', 'SPY', 'QQQ', 'TSLA', 'NVDA'];
const STYLES = ['scalp', 'intraday', 'swing', 'leaps'];

describe.each([
  ['regular session (Wed 2024-06-12 11:00 ET)', etWallToUtc('2024-06-12', 11, 0)],
  ['pre-market Monday (2024-06-17 08:00 ET)', etWallToUtc('2024-06-17', 8, 0)],
])('/gpt/contracts on the embedded default, %s', (_label, clockMs) => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({}, { clockMs })), 60_000);
  afterAll(async () => t?.close());

  const cases = SYMBOLS.flatMap((s) => STYLES.flatMap((st) => (['call', 'put'] as const).map((side) => [s, st, side] as const)));
  it.each(cases)('%s %s %s: contracts found, labelled synthetic', async (symbol, style, side) => {
    const res = await request(t.http).post('/gpt/contracts').send({ symbol, style, side }).expect(200);
    const b = res.body;
    expect({ symbol, style, side, n: b.best?.length ?? 0 }).toEqual({ symbol, style, side, n: expect.any(Number) });
    expect(b.best.length).toBeGreaterThan(0);
    expect(b.data_source).toBe('synthetic');
  });
});

describe('weekend scalp', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({}, { clockMs: etWallToUtc('2024-06-15', 12, 0) })), 60_000);
  afterAll(async () => t?.close());

  it.each(['SPY', 'QQQ'])('%s lists daily expirations, so a Saturday scalp finds Monday contracts', async (symbol) => {
    const b = (await request(t.http).post('/gpt/contracts').send({ symbol, style: 'scalp', side: 'call' }).expect(200)).body;
    expect(b.expirations_considered).toContain('2024-06-17');
    expect(b.best.length).toBeGreaterThan(0);
  });

  it('a Friday-only name has no 0–5-day expiration on Saturday: empty, with the note saying so (not a wider gate)', async () => {
    const b = (await request(t.http).post('/gpt/contracts').send({ symbol: 'AAPL', style: 'scalp', side: 'call' }).expect(200)).body;
    expect(b.best).toEqual([]);
    expect(b.note).toContain('no AAPL expiration within the scalp DTE window');
  });
});
