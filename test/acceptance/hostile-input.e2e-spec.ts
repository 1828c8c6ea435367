/**
 * Hostile bodies (issue 13 items 9 and 10): deeply nested JSON is a 400 naming the body at every
 * JSON POST route (it used to overflow the validation pipe: 500); absurd numbers in money and size
 * fields are a 400 naming the field; a body that is not JSON is a 415 — including curl's default
 * form type and a cross-site text/plain form post.
 */
import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';

const POST_ROUTES = ['/gpt/plan', '/gpt/plan/scenario', '/gpt/scan', '/gpt/multi-context', '/gpt/contracts', '/gpt/chart-url'];
const nested = (levels: number) => `{"symbol":"SPY","x":${'['.repeat(levels)}${']'.repeat(levels)}}`;

describe('hostile input', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({}, { clockMs: Date.parse('2024-06-12T18:00:00Z') })));
  afterAll(() => t.close());

  it.each(POST_ROUTES)('%s: 1,500 nested arrays (3 KB) → 400 validation_failed naming the body', async (route) => {
    const r = await request(t.http).post(route).set('Content-Type', 'application/json').send(nested(1500));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'validation_failed', details: [{ field: 'body', message: expect.stringMatching(/deeper than 32 levels/) }] });
  });

  it('a body within the depth limit reaches validation (brackets inside strings do not count)', async () => {
    const r = await request(t.http)
      .post('/gpt/plan')
      .set('Content-Type', 'application/json')
      .send(`{"symbol":"${'['.repeat(40)}"}`);
    expect(r.status).toBe(400);
    expect(r.body.details[0].field).toBe('symbol');
  });

  it.each([
    ['risk_amount', { symbol: 'SPY', risk_amount: 1e308 }],
    ['max_price', { symbol: 'SPY', max_price: 1e308 }],
    ['entry', { symbol: 'SPY', entry: 1e308 }],
    ['stop', { symbol: 'SPY', stop: 1e308 }],
    ['targets', { symbol: 'SPY', targets: [1e308] }],
    ['min_oi', { symbol: 'SPY', min_oi: 1e18 }],
    ['min_volume', { symbol: 'SPY', min_volume: 1e18 }],
    ['plan_anchor.underlying_entry', { symbol: 'SPY', plan_anchor: { underlying_entry: 1e308 } }],
    ['plan_anchor.horizon_minutes', { symbol: 'SPY', plan_anchor: { horizon_minutes: 1e308 } }],
  ])('/gpt/contracts %s = absurd → 400 naming the field', async (field, body) => {
    const r = await request(t.http).post('/gpt/contracts').send(body);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('validation_failed');
    expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('/gpt/chart-url entry/stop/tp = 1e308 → 400 naming the field', async () => {
    for (const [field, body] of [
      ['entry', { entry: 1e308 }],
      ['stop', { stop: 1e308 }],
      ['tp', { tp: [1e308] }],
    ] as const) {
      const r = await request(t.http)
        .post('/gpt/chart-url')
        .send({ symbol: 'SPY', interval: '5m', ...body });
      expect({ field, status: r.status }).toEqual({ field, status: 400 });
      expect(JSON.stringify(r.body)).toContain(`"field":"${field}"`);
    }
  });

  it('a realistic contracts request still passes validation', async () => {
    const r = await request(t.http)
      .post('/gpt/contracts')
      .send({ symbol: 'SPY', side: 'call', risk_amount: 250, entry: 540, stop: 536, targets: [545, 550] });
    expect(r.status).toBe(200);
  });

  it.each(POST_ROUTES)("%s: curl's default form body and a text/plain form post → 415 unsupported_media_type", async (route) => {
    const form = await request(t.http).post(route).set('Content-Type', 'application/x-www-form-urlencoded').send('symbol=SPY&style=intraday');
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ error: 'unsupported_media_type', message: expect.stringMatching(/Content-Type: application\/json/) });
    const text = await request(t.http).post(route).set('Content-Type', 'text/plain').send('{"symbol":"SPY","style":"intraday"}');
    expect(text.status).toBe(415);
    const none = await request(t.http).post(route).set('Content-Type', '').send(Buffer.from('{"symbol":"SPY"}'));
    expect(none.status).toBe(415);
  });

  it('JSON with a charset parameter or a +json type is accepted', async () => {
    const a = await request(t.http).post('/gpt/plan').set('Content-Type', 'application/json; charset=utf-8').send('{"symbol":"SPY","style":"intraday"}');
    expect(a.status).toBe(200);
    const b = await request(t.http).post('/gpt/chart-url').set('Content-Type', 'application/vnd.api+json').send('{"symbol":"SPY","interval":"5m"}');
    expect(b.status).toBe(200);
  });
});
