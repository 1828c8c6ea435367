/**
 * Watchlists and universe tokens end to end (issue 16), on both stores, with two keyed users
 * (BACKEND_API_KEYS): CRUD, validation, isolation (another user's list is a 404, also as a scan
 * token), and how POST /gpt/scan expands watchlist:<name>, TOP<k>, sp500 and unknown tokens.
 */
import request from 'supertest';
import { LIQUIDITY_POOL, STATIC_INDEX_DEFAULTS } from '../../src/core/symbols/universe-tokens';
import { MARKET_DATA_PORT, type MarketDataPort } from '../../src/modules/data-ports/data-ports';
import { liquidityPool, UniverseExpander } from '../../src/modules/scan/universe/universe-expander.service';
import { storageEnv, storageTargets } from '../support/postgres';
import { createTestApp, tempDataDir, TestApp } from '../support/test-app';

const KEYS = 'key-alice-1:alice,key-bob-22:bob';
const NOW = Date.parse('2024-06-12T15:10:00Z'); // Wednesday 11:10 ET

describe.each(storageTargets())('watchlists on the %s store', (target) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  const as = (key: string) => ({
    get: (url: string) => request(t.http).get(url).set('Authorization', `Bearer ${key}`),
    put: (url: string, body: object) => request(t.http).put(url).set('Authorization', `Bearer ${key}`).send(body),
    del: (url: string) => request(t.http).delete(url).set('Authorization', `Bearer ${key}`),
    post: (url: string, body: object) => request(t.http).post(url).set('Authorization', `Bearer ${key}`).send(body),
  });
  const alice = () => as('key-alice-1');
  const bob = () => as('key-bob-22');

  beforeAll(async () => {
    const s = await storageEnv(target, tempDataDir('tc-wl-'));
    cleanup = s.cleanup;
    t = await createTestApp({ ...s.env, BACKEND_API_KEYS: KEYS }, { clockMs: NOW });
  });
  afterAll(async () => {
    await t?.close();
    await cleanup?.();
  });

  it('CRUD: create (canonical, de-duplicated), read, replace, list, delete', async () => {
    const c = await alice()
      .put('/api/v1/watchlists/Tech', { tickers: ['aapl', 'MSFT', 'brk-b', 'AAPL', 'I:SPX'] })
      .expect(200);
    expect(c.body).toMatchObject({ name: 'tech', tickers: ['AAPL', 'MSFT', 'BRK.B', 'SPX'], count: 4, created: true });
    expect((await alice().get('/api/v1/watchlists/tech').expect(200)).body.tickers).toEqual(['AAPL', 'MSFT', 'BRK.B', 'SPX']);
    const r = await alice()
      .put('/api/v1/watchlists/tech', { tickers: ['NVDA', 'AMD'] })
      .expect(200);
    expect(r.body).toMatchObject({ name: 'tech', tickers: ['NVDA', 'AMD'], created: false, created_at: c.body.created_at });
    await alice()
      .put('/api/v1/watchlists/energy', { tickers: ['XOM'] })
      .expect(200);
    expect((await alice().get('/api/v1/watchlists').expect(200)).body.watchlists.map((w: { name: string; count: number }) => [w.name, w.count])).toEqual([
      ['energy', 1],
      ['tech', 2],
    ]);
    expect((await alice().del('/api/v1/watchlists/energy').expect(200)).body).toEqual({ name: 'energy', deleted: true });
    await alice().get('/api/v1/watchlists/energy').expect(404);
    await alice().del('/api/v1/watchlists/energy').expect(404);
  });

  it('isolation: bob cannot see, replace or delete alice’s list; his own list of the same name is separate', async () => {
    await alice()
      .put('/api/v1/watchlists/research', { tickers: ['TSLA'] })
      .expect(200);
    expect((await bob().get('/api/v1/watchlists/research').expect(404)).body.error).toBe('not_found');
    await bob().del('/api/v1/watchlists/research').expect(404);
    expect((await bob().get('/api/v1/watchlists').expect(200)).body.watchlists).toEqual([]);
    expect(
      (
        await bob()
          .put('/api/v1/watchlists/research', { tickers: ['SPY'] })
          .expect(200)
      ).body.created,
    ).toBe(true);
    expect((await alice().get('/api/v1/watchlists/research').expect(200)).body.tickers).toEqual(['TSLA']);
    await bob().del('/api/v1/watchlists/research').expect(200);
    expect((await alice().get('/api/v1/watchlists/research').expect(200)).body.tickers).toEqual(['TSLA']);
    // X-User-Id cannot borrow alice's scope with bob's key
    await request(t.http).get('/api/v1/watchlists/research').set('Authorization', 'Bearer key-bob-22').set('X-User-Id', 'alice').expect(404);
    await request(t.http).get('/api/v1/watchlists/research').expect(401);
  });

  it.each<[string, string, object, string]>([
    ['a bad ticker', 'bad', { tickers: ['SPY', 'NOT A TICKER'] }, 'tickers[1]'],
    ['501 tickers', 'big', { tickers: Array.from({ length: 501 }, (_, i) => `A${i}`) }, 'tickers'],
    ['not a list', 'str', { tickers: 'SPY' }, 'tickers'],
    ['an unknown field', 'x', { tickers: ['SPY'], color: 'red' }, 'color'],
    ['a bad name', 'bad%20name', { tickers: ['SPY'] }, 'name'],
    ['a too-long name', 'n'.repeat(65), { tickers: ['SPY'] }, 'name'],
  ])('PUT with %s → 400 naming %s', async (_n, name, body, field) => {
    const r = await alice().put(`/api/v1/watchlists/${name}`, body).expect(400);
    expect(r.body.error).toBe('validation_failed');
    expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('500 tickers are accepted', async () => {
    const r = await alice()
      .put('/api/v1/watchlists/wide', { tickers: Array.from({ length: 500 }, (_, i) => `A${i}`) })
      .expect(200);
    expect(r.body.count).toBe(500);
  });

  it('scan with watchlist:<name> plus tickers: expanded before the scan, tokens reported (plain tickers not repeated)', async () => {
    await alice()
      .put('/api/v1/watchlists/scanme', { tickers: ['AAPL', 'MSFT'] })
      .expect(200);
    const r = await alice()
      .post('/gpt/scan', { universe: ['watchlist:ScanMe', 'spy', 'AAPL'], style: 'intraday' })
      .expect(200);
    expect(r.body.universe_expansion).toEqual([{ token: 'watchlist:ScanMe', kind: 'watchlist', count: 2, symbols: ['AAPL', 'MSFT'], source: 'watchlist' }]);
    expect(r.body.meta.universe_count).toBe(3);
    const scanned = [
      ...r.body.candidates.map((c: { symbol: string }) => c.symbol),
      ...r.body.no_setup.map((c: { symbol: string }) => c.symbol),
      ...r.body.errors.map((c: { symbol: string }) => c.symbol),
    ];
    expect(scanned.sort()).toEqual(['AAPL', 'MSFT', 'SPY']);
  });

  it('another user’s watchlist as a scan token is a 404; an unknown token a 400 listing the allowed forms', async () => {
    await alice()
      .put('/api/v1/watchlists/private', { tickers: ['AAPL'] })
      .expect(200);
    expect(
      (
        await bob()
          .post('/gpt/scan', { universe: ['watchlist:private'], style: 'intraday' })
          .expect(404)
      ).body.error,
    ).toBe('not_found');
    const bad = await alice()
      .post('/gpt/scan', { universe: ['SPY', 'FT-PLAYBOOK'], style: 'intraday' })
      .expect(400);
    expect(bad.body.details).toEqual([{ field: 'universe', message: expect.stringContaining('entry 1 "FT-PLAYBOOK" is not a ticker or universe token; allowed:') }]);
    for (const form of ['watchlist:<name>', 'TOP<k>', 'FT-TOPLIQUIDITY', 'sp500', 'nasdaq100']) expect(bad.body.details[0].message).toContain(form);
    // TOP0 fits the published entry pattern (it has a ticker's shape) but names nothing: 422
    await alice()
      .post('/gpt/scan', { universe: ['TOP0'], style: 'intraday' })
      .expect(422);
    // a 500-ticker watchlist plus 20 other tickers: more than a scan takes (the schema cannot know): 422
    const big = await alice()
      .post('/gpt/scan', { universe: ['watchlist:wide', ...Array.from({ length: 20 }, (_, i) => `B${i}`)], style: 'intraday' })
      .expect(422);
    expect(big.body.details[0]).toEqual({ field: 'universe', message: 'expands to 520 distinct tickers; at most 500 per scan' });
  });

  it('sp500 / nasdaq100 without a constituents vendor: the documented static default, labelled', async () => {
    const e = await t.app.get(UniverseExpander).expand('alice', ['sp500', 'Nasdaq100']);
    expect(e.expansion[0]).toMatchObject({
      kind: 'index',
      symbols: [...STATIC_INDEX_DEFAULTS.sp500],
      source: 'static_default',
      note: expect.stringContaining('no configured vendor supplies sp500 constituents'),
    });
    expect(e.expansion[1]).toMatchObject({ kind: 'index', symbols: [...STATIC_INDEX_DEFAULTS.nasdaq100], source: 'static_default' });
    expect(e.symbols).toEqual([...new Set([...STATIC_INDEX_DEFAULTS.sp500, ...STATIC_INDEX_DEFAULTS.nasdaq100])]);
  });

  it('the default TOP<k> pool is the index ETFs plus both static lists', () => {
    expect(liquidityPool(undefined)).toEqual([...LIQUIDITY_POOL]);
    expect(liquidityPool('spy, brk-b,$$$')).toEqual(['SPY', 'BRK.B']);
    expect(LIQUIDITY_POOL.slice(0, 4)).toEqual(['SPY', 'QQQ', 'IWM', 'DIA']);
  });
});

/**
 * The ranking reads market data only (no store): one app on the embedded store, with a 12-name pool
 * (TOP_LIQUIDITY_POOL) so the test does not generate synthetic history for all 84 default names.
 */
const POOL = ['SPY', 'QQQ', 'IWM', 'AAPL', 'MSFT', 'NVDA', 'TSLA', 'KO', 'XOM', 'JPM', 'AMD', 'PEP'];

describe('TOP<k> / FT-TOPLIQUIDITY', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BACKEND_API_KEYS: KEYS, TOP_LIQUIDITY_POOL: POOL.join(',') }, { clockMs: NOW });
  });
  afterAll(async () => t?.close());

  it('TOP<k> ranks the pool by traded dollar volume from the provider chain (hand-ranked here), cached', async () => {
    const expander = t.app.get(UniverseExpander);
    const top = await expander.expand('alice', ['TOP5', 'FT-TOPLIQUIDITY']);
    // the same daily bars through the chain (its 30 s bar cache), ranked here by hand
    const port = t.app.get<MarketDataPort>(MARKET_DATA_PORT);
    const dv: Array<[string, number]> = [];
    for (const s of POOL) {
      const bars = (await port.getBars({ symbol: s, interval: '1D', limit: 20 })).bars;
      dv.push([s, bars.reduce((a, b) => a + b.close * b.volume, 0) / bars.length]);
    }
    dv.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    expect(top.expansion[0]).toMatchObject({ token: 'TOP5', kind: 'top', count: 5, symbols: dv.slice(0, 5).map((x) => x[0]), source: 'dollar_volume:synthetic' });
    // FT-TOPLIQUIDITY is TOP50: the whole 12-name pool, ranked, and it says so
    expect(top.expansion[1]).toMatchObject({ kind: 'top', count: 12, symbols: dv.map((x) => x[0]), note: expect.stringContaining('only 12 names could be ranked') });
    // cached: a second expansion within 15 minutes reads no bars
    const spy = jest.spyOn(port, 'getBars');
    expect((await expander.expand('bob', ['TOP5'])).symbols).toEqual(top.expansion[0].symbols);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    const r = await request(t.http)
      .post('/gpt/scan')
      .set('Authorization', 'Bearer key-alice-1')
      .send({ universe: ['top3'], style: 'intraday' })
      .expect(200);
    expect(r.body.universe_expansion[0]).toMatchObject({ token: 'top3', kind: 'top', symbols: dv.slice(0, 3).map((x) => x[0]) });
  });
});
