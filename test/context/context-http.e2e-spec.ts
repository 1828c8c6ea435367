/**
 * /gpt/context and /gpt/multi-context over HTTP (minimal app: the feature's controller, the project's
 * validation pipe and exception filter, a fake MarketDataService over recorded SPY bars).
 */
import request from 'supertest';
import { toColumns } from '../../src/core/bars/bar';
import { ema } from '../../src/core/indicators';
import { etWallToUtc } from '../../src/core/session/et-time';
import { ContextController } from '../../src/modules/context/context.controller';
import { ContextService } from '../../src/modules/context/context.service';
import { MARKET_DATA_PORT } from '../../src/modules/data-ports/data-ports';
import { CLOCK } from '../../src/providers/provider.types';
import { FakeMarket, spyDaily } from './fake-market';
import { minimalApp } from './minimal-app';

const AS_OF = Date.parse('2021-03-31T00:00:00Z');
const NOW = etWallToUtc('2021-03-31', 16, 30);

async function setup(asOf = AS_OF) {
  const market = new FakeMarket(asOf);
  const clock = {
    t: NOW,
    now() {
      return this.t;
    },
  };
  const app = await minimalApp([ContextController], [ContextService, { provide: MARKET_DATA_PORT, useValue: market }, { provide: CLOCK, useValue: clock }]);
  return { app, market, clock, http: () => request(app.getHttpServer()) };
}

describe('GET /gpt/context/{symbol}', () => {
  let t: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => (t = await setup()));
  afterAll(async () => t.app.close());

  it('returns lookback bars and warmed-up series for every indicator key', async () => {
    const res = await t.http().get('/gpt/context/spy?interval=1d&lookback=60').expect(200);
    const b = res.body;
    expect(b.symbol).toBe('SPY');
    expect(b.interval).toBe('1D');
    expect(b.bars).toHaveLength(60);
    expect(b.data_source).toBe('replay');
    expect(b.as_of).toBe('2021-03-31T00:00:00.000Z');
    expect(b.stale).toBe(false);
    // Fetched lookback + 250 bars so the first returned point is already warmed up.
    expect(t.market.calls[0].limit).toBe(310);
    for (const k of ['ema9', 'ema20', 'ema50', 'atr14', 'adx14', 'rsi14', 'macd', 'macd_signal', 'macd_hist', 'bb_upper', 'bb_middle', 'bb_lower']) {
      expect({ k, n: b.indicators[k].length }).toEqual({ k, n: 60 });
      expect(b.indicators[k][0].time).toBe(b.bars[0].time);
    }
    expect(b.indicators.vwap).toEqual([]); // session VWAP has no meaning on daily bars
    // Warm-up check: the first EMA50 point matches an EMA50 run over the full 23-year history.
    const all = spyDaily().filter((x) => x.time <= AS_OF);
    const full = ema(toColumns(all).close, 50);
    const idx = all.findIndex((x) => x.time / 1000 === b.bars[0].time);
    expect(Math.abs(b.indicators.ema50[0].value - full[idx])).toBeLessThan(0.01);
    expect(b.key_levels.prev_close).toBe(all[all.length - 2].close);
    expect(b.meta).toEqual({ cached: false, points_returned: 60, truncated: false, time_unit: 'epoch_s' });
  });

  it('keeps the default 300-bar response under 100,000 characters (trimming reported)', async () => {
    const res = await t.http().get('/gpt/context/SPY?interval=1D').expect(200);
    expect(res.text.length).toBeLessThan(100_000);
    expect(res.body.lookback).toBe(300);
    expect(res.body.meta.points_returned).toBe(res.body.bars.length);
    expect(res.body.meta.truncated).toBe(res.body.bars.length < 300);
    const big = await t.http().get('/gpt/context/SPY?interval=1D&lookback=1000').expect(200);
    expect(big.text.length).toBeLessThan(100_000);
    expect(big.body.meta.truncated).toBe(true);
  });

  it.each([
    ['/gpt/context/sp%20y', 'symbol'],
    ['/gpt/context/TOOLONGSYMBOL1', 'symbol'],
    ['/gpt/context/SPY?interval=2h', 'interval'],
    ['/gpt/context/SPY?lookback=5', 'lookback'],
    ['/gpt/context/SPY?lookback=abc', 'lookback'],
    ['/gpt/context/SPY?foo=1', 'foo'],
  ])('%s → 400 naming %s', async (url, field) => {
    const res = await t.http().get(url).expect(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('lists the allowed interval tokens when one is unknown', async () => {
    const res = await t.http().get('/gpt/context/SPY?interval=2h').expect(400);
    expect(res.body.details[0].message).toContain('1m, 3m, 5m, 15m, 30m, 1h, 4h, 1D, 1W');
  });
});

describe('POST /gpt/multi-context', () => {
  it('second identical call within 30 s is served from cache (meta.cached) with no second upstream request', async () => {
    const t = await setup();
    try {
      const body = { symbol: 'SPY', intervals: ['1D', '1h'], lookback: 100 };
      const first = await t.http().post('/gpt/multi-context').send(body).expect(200);
      expect(first.body.meta.cached).toBe(false);
      expect(first.body.snapshots.map((s: { cached: boolean }) => s.cached)).toEqual([false, false]);
      const upstream = t.market.calls.length;
      expect(t.market.seriesCallsFor('1h')).toBe(1);

      t.clock.t += 29_000; // market clock 29 s later (wall clock also < 30 s)
      const second = await t.http().post('/gpt/multi-context').send(body).expect(200);
      expect(second.body.meta.cached).toBe(true);
      expect(second.body.snapshots.map((s: { cached: boolean }) => s.cached)).toEqual([true, true]);
      expect(second.body.volatility_regime.cached).toBe(true);
      expect(t.market.calls.length).toBe(upstream);
      expect(second.body.snapshots).toEqual(first.body.snapshots.map((s: object) => ({ ...s, cached: true })));

      t.clock.t += 2_000; // 31 s: contexts expire, the 120 s IV block does not
      const third = await t.http().post('/gpt/multi-context').send(body).expect(200);
      expect(third.body.snapshots.map((s: { cached: boolean }) => s.cached)).toEqual([false, false]);
      expect(third.body.volatility_regime.cached).toBe(true);
      expect(t.market.seriesCallsFor('1h')).toBe(2);
    } finally {
      await t.app.close();
    }
  });

  it('concurrent identical calls make one upstream request per interval', async () => {
    const t = await setup();
    try {
      let release!: () => void;
      t.market.gate = new Promise<void>((r) => (release = r));
      const body = { symbol: 'SPY', intervals: ['1h'], lookback: 50 };
      const pending = Array.from({ length: 5 }, () =>
        t
          .http()
          .post('/gpt/multi-context')
          .send(body)
          .then((r) => r),
      );
      // Let every request reach the service before the upstream answers.
      while (t.market.seriesCallsFor('1h') < 1) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50));
      release();
      const all = await Promise.all(pending);
      expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(t.market.seriesCallsFor('1h')).toBe(1);
      expect(all.filter((r) => r.body.snapshots[0].cached === false)).toHaveLength(1);
    } finally {
      await t.app.close();
    }
  });

  it('ignores duplicate intervals including aliases, reduces series to the last point by default', async () => {
    const t = await setup();
    try {
      const res = await t
        .http()
        .post('/gpt/multi-context')
        .send({ symbol: 'spy', intervals: ['1d', '1D', 'daily', '60m', '1h'] })
        .expect(200);
      expect(res.body.snapshots.map((s: { interval: string }) => s.interval)).toEqual(['1D', '1h']);
      expect(res.body.snapshots[0].requested).toBe('1d');
      expect(res.body.snapshots[0].bars).toBeUndefined();
      expect(res.body.snapshots[0].indicators.ema20).toHaveLength(1);
      expect(res.body.summary.frames_used).toEqual(['1D', '1h']);
      const v = res.body.volatility_regime;
      expect(v.iv_rank_basis).toBe('hv20_proxy');
      expect(v.hv_20).toBeGreaterThan(0);
      expect(res.text.length).toBeLessThan(100_000);
    } finally {
      await t.app.close();
    }
  });

  it('include_series with 8 intervals × 1000 bars stays under 100,000 characters', async () => {
    const t = await setup(Date.parse('2023-08-04T00:00:00Z')); // the minute fixture is 2023-08-03
    try {
      const res = await t
        .http()
        .post('/gpt/multi-context')
        .send({ symbol: 'SPY', intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '1D', '1W'], lookback: 1000, include_series: true });
      expect(res.status).toBe(200);
      expect(res.text.length).toBeLessThan(100_000);
      expect(res.body.meta.truncated).toBe(true);
      expect(res.body.snapshots[0].bars.length).toBe(res.body.meta.points_returned);
    } finally {
      await t.app.close();
    }
  });

  describe('bad input → 400 naming the field', () => {
    let t: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => (t = await setup()));
    afterAll(async () => t.app.close());
    const cases: Array<[string, object, string]> = [
      ['empty intervals', { symbol: 'SPY', intervals: [] }, 'intervals'],
      ['20 intervals', { symbol: 'SPY', intervals: Array.from({ length: 20 }, () => '5m') }, 'intervals'],
      ['unknown token', { symbol: 'SPY', intervals: ['5m', '2h'] }, 'intervals[1]'],
      ['bad legacy frames beside intervals', { symbol: 'SPY', intervals: ['5m'], frames: ['1h', ''] }, 'frames[1]'],
      ['bad symbol', { symbol: '$$$', intervals: ['5m'] }, 'symbol'],
      ['lookback too large', { symbol: 'SPY', intervals: ['5m'], lookback: 5000 }, 'lookback'],
      ['unknown key', { symbol: 'SPY', intervals: ['5m'], extra: 1 }, 'extra'],
    ];
    it.each(cases)('%s', async (_name, body, field) => {
      const res = await t.http().post('/gpt/multi-context').send(body).expect(400);
      expect(res.body.error).toBe('validation_failed');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });
});
