/**
 * The event gate on plans through the whole app: the embedded synthetic calendar (CPI on the second
 * Wednesday, 08:30 ET), a user events file in DATA_DIR, and a vendor source that is down.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import nock from 'nock';
import request from 'supertest';
import { createTestApp, tempDataDir, type TestApp } from '../support/test-app';

/** Wednesday 2026-11-11 08:25 ET (EST): the synthetic CPI release is at 08:30 ET = 13:30Z. */
const CPI_DAY_0825 = Date.parse('2026-11-11T13:25:00Z');

describe('event gates on the synthetic calendar (no keys)', () => {
  let t: TestApp;
  beforeAll(async () => {
    const dataDir = tempDataDir('tc-events-');
    // MSFT reports tomorrow (Thursday 2026-11-12) after the close
    fs.writeFileSync(path.join(dataDir, 'events.json'), JSON.stringify({ earnings: [{ symbol: 'MSFT', date: '2026-11-12', hour: 'amc', eps_estimate: 3.1, revenue_estimate: 6.4e10 }] }));
    t = await createTestApp({ DATA_DIR: dataDir }, { clockMs: CPI_DAY_0825 });
  });
  afterAll(async () => t?.close());

  it('08:25 ET on a CPI day: a QQQ scalp plan is blocked, a swing plan warned', async () => {
    const scalp = (await request(t.http).post('/gpt/plan').send({ symbol: 'QQQ', style: 'scalp' }).expect(200)).body;
    expect(scalp.status).toBe('ok');
    expect(scalp.blocked_by_event).toBe(true);
    expect(scalp.event_risk).toEqual([
      expect.objectContaining({
        kind: 'macro',
        event: 'CPI YoY',
        time: '2026-11-11T13:30:00.000Z',
        action: 'blocked',
        source: 'synthetic',
        window: { start: '2026-11-11T13:20:00.000Z', end: '2026-11-11T13:40:00.000Z' },
      }),
    ]);
    expect(scalp.options_contracts).toEqual([]);
    expect(scalp.options_note).toMatch(/^Blocked by event window/);
    expect(scalp.banner).toMatch(/^BLOCKED BY EVENT — CPI YoY/);
    expect(scalp.banners).toContain('SYNTHETIC EVENT CALENDAR — generated release dates for testing the event gates, not real release dates.');
    expect(scalp.enrichment).toMatchObject({ symbol: 'QQQ', enrichment_status: 'partial', parts: { macro: 'ok', earnings: 'not_applicable', sentiment: 'unavailable' } });
    expect(scalp.enrichment.events).toMatchObject({ next_cpi_minutes: 5, within_event_window: true, source: 'synthetic' });

    const swing = (await request(t.http).post('/gpt/plan').send({ symbol: 'QQQ', style: 'swing' }).expect(200)).body;
    expect(swing.status).toBe('ok');
    expect(swing.blocked_by_event).toBe(false);
    // horizon: Wed 11-11 … close of the 5th session (Tue 11-17 16:00 ET): CPI is inside, FOMC (Wed 11-18 14:00 ET) is not
    expect(swing.event_risk.map((r: { action: string; event: string }) => [r.action, r.event])).toEqual([['warning', 'CPI YoY']]);
    expect(swing.event_risk.every((r: { action: string }) => r.action === 'warning')).toBe(true);
  });

  it('a stock with earnings tomorrow after the close: event_risk on its swing plan (user events file)', async () => {
    const swing = (await request(t.http).post('/gpt/plan').send({ symbol: 'MSFT', style: 'swing' }).expect(200)).body;
    expect(swing.status).toBe('ok');
    expect(swing.enrichment.earnings).toMatchObject({
      symbol: 'MSFT',
      date: '2026-11-12',
      hour: 'amc',
      release_time: '2026-11-12T21:05:00.000Z',
      eps_estimate: 3.1,
      revenue_estimate: 6.4e10,
      source: 'user_file',
    });
    expect(swing.event_risk).toEqual([expect.objectContaining({ kind: 'earnings', action: 'warning', time: '2026-11-12T21:05:00.000Z' })]); // macro gates are for index/broad ETFs only
    expect(swing.blocked_by_event).toBe(false);
  });

  it('GET /gpt/enrichment/{symbol}: the block, the gate for ?style=, and 400s naming the field', async () => {
    const e = (await request(t.http).get('/gpt/enrichment/qqq?style=scalp').expect(200)).body;
    expect(e).toMatchObject({ symbol: 'QQQ', sources: ['synthetic'], event_gate: { style: 'scalp', blocked_by_event: true } });
    expect(e.macro_events[0]).toMatchObject({ kind: 'CPI', minutes_to_event: 5, source: 'synthetic', fetched_at: '2026-11-11T13:25:00.000Z' });
    expect((await request(t.http).get('/gpt/enrichment/SPY?style=weekly').expect(400)).body.details[0].field).toBe('style');
    expect((await request(t.http).get('/gpt/enrichment/%24%24%24').expect(400)).body.details[0].field).toBe('symbol');
  });

  it('a user events file that does not validate is reported, not half-used', async () => {
    const f = path.join(t.dataDir, 'events.json');
    const before = fs.readFileSync(f, 'utf8');
    fs.writeFileSync(f, JSON.stringify({ macro: [{ event: 'CPI', time: 'tomorrow' }] }));
    try {
      const e = (await request(t.http).get('/gpt/enrichment/SPY').expect(200)).body;
      expect(e.reason).toMatch(/events\.json: macro\.0\.time/);
      expect(e.enrichment_status).toBe('partial');
    } finally {
      fs.writeFileSync(f, before);
    }
  });
});

describe('vendor enrichment: Trading Economics first, Finnhub fallback; a source down → unavailable', () => {
  jest.setTimeout(180_000); // several app boots; slow on a loaded 2-core machine
  let t: TestApp;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    await t?.close();
    nock.enableNetConnect();
  });

  it('Finnhub down: enrichment_status "unavailable" with the reason, never an empty "no events" list', async () => {
    t = await createTestApp({ FINNHUB_API_KEY: 'fk', PROVIDER_TIMEOUT_MS: '1000' }, { clockMs: CPI_DAY_0825 });
    nock('https://finnhub.io').get(/.*/).query(true).times(20).reply(500, 'down');
    const e = (await request(t.http).get('/gpt/enrichment/AAPL').expect(200)).body;
    expect(e.enrichment_status).toBe('unavailable');
    expect(e.parts).toEqual({ macro: 'unavailable', earnings: 'unavailable', sentiment: 'unavailable' });
    expect(e.reason).toMatch(/macro: .*finnhub/i);
    expect(e.macro_events).toEqual([]);
    expect(e.banner).toBeNull(); // no synthetic stand-in when a vendor is configured
    const plan = (await request(t.http).post('/gpt/plan').send({ symbol: 'QQQ', style: 'swing' }).expect(200)).body;
    expect(plan.enrichment.enrichment_status).toBe('unavailable');
    expect(plan.warnings.join(' ')).toMatch(/Event calendar unavailable .*not "no events"/);
    await t.close();
    t = undefined as unknown as TestApp;
  });

  it('TE answers first; when TE fails the Finnhub economic calendar answers', async () => {
    t = await createTestApp({ FINNHUB_API_KEY: 'fk', TE_API_KEY: 'tek', PROVIDER_TIMEOUT_MS: '1000' }, { clockMs: CPI_DAY_0825 });
    nock('https://api.tradingeconomics.com')
      .get(/\/calendar\/country\/united%20states\//)
      .query(true)
      .reply(200, [{ Date: '2026-11-11T13:30:00', Country: 'United States', Event: 'Inflation Rate YoY', Category: 'Inflation Rate', Importance: 3, Forecast: 2.9, Previous: 3.0, Unit: '%' }]);
    nock('https://finnhub.io')
      .get('/api/v1/news-sentiment')
      .query(true)
      .reply(200, { symbol: 'SPY', buzz: { articlesInLastWeek: 10, buzz: 1 }, sentiment: { bullishPercent: 0.6, bearishPercent: 0.4 }, sectorAverageBullishPercent: 0.55 });
    nock('https://finnhub.io').get('/api/v1/company-news').query(true).reply(200, []);
    const e = (await request(t.http).get('/gpt/enrichment/SPY').expect(200)).body;
    expect(e.macro_events).toEqual([expect.objectContaining({ event: 'Inflation Rate YoY', kind: 'OTHER', consensus: 2.9, previous: 3, unit: '%', source: 'tradingeconomics' })]);
    expect(e.sentiment).toMatchObject({ score: 0.2, bullish_share: 0.6, sector_average_bullish_share: 0.55, source: 'finnhub' });
    expect(e.enrichment_status).toBe('ok');
    await t.close();

    t = await createTestApp({ FINNHUB_API_KEY: 'fk', TE_API_KEY: 'tek', PROVIDER_TIMEOUT_MS: '1000' }, { clockMs: CPI_DAY_0825 });
    nock('https://api.tradingeconomics.com').get(/.*/).query(true).times(5).reply(429, 'slow down');
    nock('https://finnhub.io')
      .get('/api/v1/calendar/economic')
      .query(true)
      .reply(200, { economicCalendar: [{ time: '2026-11-11 13:30:00', country: 'US', event: 'CPI MoM', impact: 'high', estimate: 0.3, prev: 0.2, actual: null, unit: '%' }] });
    nock('https://finnhub.io').get(/.*/).query(true).times(5).reply(500, 'down');
    const f = (await request(t.http).get('/gpt/enrichment/SPY?style=scalp').expect(200)).body;
    expect(f.macro_events).toEqual([expect.objectContaining({ event: 'CPI MoM', kind: 'CPI', consensus: 0.3, previous: 0.2, source: 'finnhub' })]);
    expect(f.event_gate.blocked_by_event).toBe(true);
    expect(f.enrichment_status).toBe('partial'); // sentiment down, calendar answered
  });
});
