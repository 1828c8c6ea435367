import request from 'supertest';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { ChartMarketData } from '../../src/modules/charts/chart-market-data';
import { chartsApp, referenceEmaLast, referenceRows, referenceSessionVwap } from './chart-test-support';
import type { TestApp } from '../support/test-app';

describe('/tv-api datafeed on the recorded SPY day (replay)', () => {
  let t: TestApp;
  const rows = referenceRows();
  beforeAll(async () => {
    t = await chartsApp();
  });
  afterAll(() => t?.close());

  it('bars equal the recorded CSV rows bar for bar (UDF shape, epoch seconds, data_source)', async () => {
    const r = await request(t.http).get('/tv-api/bars').query({ symbol: 'spy', resolution: '1', range: '1D' }).expect(200);
    expect(r.body).toMatchObject({ s: 'ok', symbol: 'SPY', interval: '1m', data_source: 'replay', stale: false });
    expect(r.body.t).toEqual(rows.map((x) => x.t));
    expect(r.body.o).toEqual(rows.map((x) => x.o));
    expect(r.body.h).toEqual(rows.map((x) => x.h));
    expect(r.body.l).toEqual(rows.map((x) => x.l));
    expect(r.body.c).toEqual(rows.map((x) => x.c));
    expect(r.body.v).toEqual(rows.map((x) => x.v));
  });

  it('honours from/to in seconds and in milliseconds alike', async () => {
    const from = rows[318].t; // 09:30 ET
    const to = rows[318 + 29].t;
    const s = await request(t.http).get('/tv-api/bars').query({ symbol: 'SPY', resolution: '1', from, to }).expect(200);
    const ms = await request(t.http)
      .get('/tv-api/bars')
      .query({ symbol: 'SPY', resolution: '1', from: from * 1000, to: to * 1000 })
      .expect(200);
    expect(s.body.t).toHaveLength(30);
    expect(ms.body).toEqual(s.body);
  });

  it('5-minute bars aggregate the recorded minutes (first regular bar by hand)', async () => {
    const r = await request(t.http).get('/tv-api/bars').query({ symbol: 'SPY', resolution: '5', range: '1D' }).expect(200);
    const first = rows.slice(318, 323);
    const i = r.body.t.indexOf(first[0].t);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(r.body.o[i]).toBe(first[0].o);
    expect(r.body.h[i]).toBe(Math.max(...first.map((x) => x.h)));
    expect(r.body.l[i]).toBe(Math.min(...first.map((x) => x.l)));
    expect(r.body.c[i]).toBe(first[4].c);
    expect(r.body.v[i]).toBe(first.reduce((a, x) => a + x.v, 0));
  });

  it('studies: EMA (SMA-seeded) and session VWAP match the textbook formulas on the CSV', async () => {
    const r = await request(t.http).get('/tv-api/studies').query({ symbol: 'SPY', resolution: '1', range: '1D', ema: '9,21' }).expect(200);
    expect(r.body.data_source).toBe('replay');
    const closes = rows.map((x) => x.c);
    expect(r.body.ema['9']).toHaveLength(rows.length - 8);
    expect(r.body.ema['9'].at(-1).value).toBeCloseTo(referenceEmaLast(closes, 9), 5);
    expect(r.body.ema['21'].at(-1).value).toBeCloseTo(referenceEmaLast(closes, 21), 5);
    const vwap = referenceSessionVwap(rows);
    const regularEnd = rows.filter((x) => x.session === 'regular').at(-1)!.t;
    const atClose = r.body.vwap.find((p: { time: number }) => p.time === regularEnd);
    expect(atClose.value).toBeCloseTo(vwap.last, 5);
    // pre-market has no session VWAP; post-market holds the closing value
    expect(r.body.vwap[0].time).toBe(rows[318].t);
    expect(r.body.vwap.at(-1).value).toBeCloseTo(vwap.last, 5);
    expect(r.body.avwap.map((a: { label: string }) => a.label)).toEqual(['AVWAP swing low', 'AVWAP swing high']);
  });

  it('bars equal what /gpt/context serves for the same symbol and interval', async () => {
    const tv = await request(t.http).get('/tv-api/bars').query({ symbol: 'SPY', resolution: '5', range: '1D' }).expect(200);
    const doc = await request(t.http).get('/openapi.json').expect(200);
    let other: Array<{ time: number; open: number; high: number; low: number; close: number; volume: number }>;
    if (!doc.body.paths['/gpt/context/{symbol}']) {
      // the context module is not wired into the app yet: compare with the bar source it will share
      console.warn('charts: /gpt/context not available; comparing /tv-api/bars with ChartMarketData.getBars');
      const r = await t.app.get(ChartMarketData).getBars({ symbol: 'SPY', interval: '5m', limit: 100 });
      other = r.bars.map((b) => ({ ...b, time: b.time / 1000 }));
    } else {
      const ctx = await request(t.http).get('/gpt/context/SPY').query({ interval: '5m', lookback: 100 }).expect(200);
      other = ctx.body.bars;
    }
    expect(other.length).toBe(100);
    const n = tv.body.t.length;
    const tail = (a: number[]) => a.slice(n - other.length);
    expect(tail(tv.body.t)).toEqual(other.map((b) => b.time));
    expect(tail(tv.body.o)).toEqual(other.map((b) => b.open));
    expect(tail(tv.body.h)).toEqual(other.map((b) => b.high));
    expect(tail(tv.body.l)).toEqual(other.map((b) => b.low));
    expect(tail(tv.body.c)).toEqual(other.map((b) => b.close));
    expect(tail(tv.body.v)).toEqual(other.map((b) => b.volume));
  });

  it('answers no_data for a symbol nobody has, 400 for bad parameters', async () => {
    const none = await request(t.http).get('/tv-api/bars').query({ symbol: 'QQQ', resolution: '5' }).expect(200);
    expect(none.body).toMatchObject({ s: 'no_data' });
    expect(none.body.data_source).toBeDefined();
    const bad = await request(t.http).get('/tv-api/bars').query({ symbol: 'SPY', resolution: '7' }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'resolution', message: expect.stringContaining('1D') }]);
    const xss = await request(t.http).get('/tv-api/bars').query({ symbol: '<script>' }).expect(400);
    expect(xss.body.error).toBe('validation_failed');
  });

  it('serves config, symbol info and the service clock', async () => {
    const c = await request(t.http).get('/tv-api/config').expect(200);
    expect(c.body.supported_resolutions).toContain('1D');
    const s = await request(t.http).get('/tv-api/symbols').query({ symbol: 'spy' }).expect(200);
    expect(s.body).toMatchObject({ name: 'SPY', timezone: 'America/New_York', pricescale: 100 });
    const time = await request(t.http).get('/tv-api/time').expect(200);
    expect(time.body.time).toBeGreaterThanOrEqual(rows.at(-1)!.t); // replay clock stands after the last bar
  });
});

describe('POST /gpt/chart-url and the /tv page over HTTP (auth on)', () => {
  let t: TestApp;
  const auth = { Authorization: 'Bearer chart-key-1' };
  beforeAll(async () => {
    t = await chartsApp({ BACKEND_API_KEY: 'chart-key-1', PUBLIC_BASE_URL: 'https://coach.example.com' });
  });
  afterAll(() => t?.close());

  it('returns byte-identical canonical links for equivalent bodies', async () => {
    const a = await request(t.http)
      .post('/gpt/chart-url')
      .set(auth)
      .send({ symbol: 'spy', interval: '5', entry: '450.10', stop: 449, tp: [451.5, 452], direction: 'long', plan_id: 'SPY-intraday-20230803-abcdef', version: 1 })
      .expect(200);
    const b = await request(t.http)
      .post('/gpt/chart-url')
      .set(auth)
      .send({
        plan_version: '1',
        plan_id: 'SPY-intraday-20230803-abcdef',
        direction: 'long',
        tp: '451.50,452.00',
        stop: '449.00',
        entry: 450.1,
        interval: '5m',
        symbol: 'SPY',
        levels: '449|PDL',
        market_status: 'open',
        extra_thing: [1],
      })
      .expect(200);
    expect(a.body.interactive).toBe(b.body.interactive);
    expect(a.body).toEqual({
      interactive: 'https://coach.example.com/tv?direction=long&entry=450.1&interval=5m&plan_id=SPY-intraday-20230803-abcdef&plan_version=1&stop=449&symbol=SPY&tp=451.5,452',
      data_source: 'computed',
    });
  });

  it('answers 400 validation_failed naming the fields, and 401 without a key', async () => {
    const r = await request(t.http).post('/gpt/chart-url').set(auth).send({ symbol: 'SPY', interval: '2h', entry: 'x' }).expect(400);
    expect(r.body.error).toBe('validation_failed');
    expect(r.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['entry', 'interval']);
    await request(t.http).post('/gpt/chart-url').send({ symbol: 'SPY', interval: '5m' }).expect(401);
  });

  it('documents chart-url as compute-only for the GPT', async () => {
    const doc = await request(t.http).get('/openapi.json').expect(200);
    const op = doc.body.paths['/gpt/chart-url'].post;
    expect(op.operationId).toBe('getChartUrl');
    expect(op['x-openai-isConsequential']).toBe(false);
  });

  it('serves /tv, its scripts and the chart library publicly under the strict CSP', async () => {
    const page = await request(t.http).get('/tv').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const scripts = page.text.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [];
    expect(scripts).toHaveLength(3);
    for (const tag of scripts) expect(tag).toMatch(/^<script src="\/tv\/[^"]+" defer><\/script>$/); // no inline code
    expect(page.text).toContain('/tv/vendor/lightweight-charts.js');
    const lib = await request(t.http).get('/tv/vendor/lightweight-charts.js').expect(200);
    expect(lib.text).toContain('LightweightCharts');
    await request(t.http)
      .get('/tv/assets/tv.js')
      .expect(200)
      .expect('content-type', /javascript/);
    await request(t.http).get('/tv/assets/..%2F..%2Fpackage.json').expect(404);
    await request(t.http).get('/tv/assets/index.html').expect(404);
    await request(t.http).get('/tv-api/bars?symbol=SPY&resolution=1').expect(200);
  });

  it('keeps the config base URL for links', () => {
    expect(t.app.get<AppConfig>(APP_CONFIG).publicBaseUrl).toBe('https://coach.example.com');
  });
});
