import request from 'supertest';
import { createPlanTestApp, PlanTestApp } from './support/plan-test-app';

const NOW = '2026-11-20T16:00:00Z';
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** 100 distinct synthetic tickers (each one generates its own price path: a cold start per ticker). */
const HUNDRED = Array.from({ length: 100 }, (_, i) => `Q${letters[Math.floor(i / 26)]}${letters[i % 26]}`);

describe('POST /gpt/scan with 100 tickers', () => {
  let t: PlanTestApp;
  beforeAll(async () => {
    t = await createPlanTestApp(NOW);
  });
  afterAll(async () => t?.close());

  it('answers well inside 45 s, each page JSON < 100,000 chars, next_cursor pages continue the ranking', async () => {
    const started = Date.now();
    const r = await request(t.http).post('/gpt/scan').send({ universe: HUNDRED, style: 'intraday', limit: 100, simulate_open: true }).expect(200);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(45_000);
    const size = JSON.stringify(r.body).length;
    expect(size).toBeLessThan(100_000);
    const total = r.body.meta.total_candidates as number;
    expect(r.body.candidates.length + r.body.no_setup_count + r.body.errors.length).toBeLessThanOrEqual(100);
    // every ticker is accounted for: a ranked candidate (on some page), no setup, or an error
    expect(total + r.body.no_setup_count + r.body.errors.length).toBe(100);
    if (r.body.count_candidates < total) {
      expect(typeof r.body.next_cursor).toBe('string');
      const p2 = await request(t.http).post('/gpt/scan').send({ universe: HUNDRED, style: 'intraday', limit: 100, simulate_open: true, cursor: r.body.next_cursor }).expect(200);
      expect(JSON.stringify(p2.body).length).toBeLessThan(100_000);
      expect(p2.body.candidates[0].rank).toBe(r.body.count_candidates + 1);
      expect(p2.body.meta.offset).toBe(r.body.count_candidates);
    } else {
      expect(r.body.next_cursor).toBeNull();
    }

    console.log(
      `100-ticker scan: ${elapsed} ms, ${size} chars, ${total} candidates, page ${r.body.count_candidates}, no_setup ${r.body.no_setup_count}, errors ${r.body.errors.length} (${r.body.errors.filter((e: { code: string }) => e.code === 'timeout').length} timeouts)`,
    );
  });
});
