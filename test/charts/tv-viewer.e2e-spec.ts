import { samplePlan } from '../support/sample-plan';
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { IDEA_STORE, IdeaStoreApi } from '../../src/persistence/idea-store.types';
import type { TestApp } from '../support/test-app';
import { chartsApp, referenceRows, referenceSessionVwap } from './chart-test-support';
import { realPart, RECORD_DIR } from '../support/real-parts';

/**
 * The /tv viewer in Debian's Chromium (headless, playwright-core) against the running service.
 * The browser comes from CHROMIUM_PATH or /usr/bin/chromium; in CI a missing browser fails the run,
 * locally the suite says it did not run.
 */
const browserPath = realPart(
  'Chromium',
  'CHROMIUM_PATH',
  'tv-viewer browser cases',
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && fs.existsSync(p)),
);
const OUT = path.resolve(__dirname, '../../test-output');

interface TcState {
  ready: boolean;
  error: string | null;
  message: string | null;
  banner: string | null;
  data_source: string | null;
  series: Record<string, { length: number; last: number | null }>;
  priceLines: Array<{ kind: string; title: string; price: number }>;
}

if (!browserPath) {
  describe('/tv viewer in Chromium', () => {
    it('needs a browser: says so and records it for the run summary', () => {
      // realPart() printed which variable to set (or threw in CI); scripts/install-browser.sh installs one
      const lines = fs.readdirSync(RECORD_DIR).flatMap((f) => fs.readFileSync(path.join(RECORD_DIR, f), 'utf8').split('\n').filter(Boolean));
      expect(lines.map((l) => JSON.parse(l)).some((r) => r.part === 'Chromium' && r.used === false)).toBe(true);
    });
  });
} else {
  describe('/tv viewer in Chromium', () => {
    let t: TestApp;
    let browser: Browser;
    const rows = referenceRows();
    const last = rows.at(-1)!.c;
    // a realistic long plan around the last recorded price (the plan module seeds the same fields)
    const plan = { entry: Math.round(last * 100) / 100, stop: Math.round((last - 0.85) * 100) / 100, targets: [Math.round((last + 1.1) * 100) / 100, Math.round((last + 2.05) * 100) / 100] };
    let planId: string;

    beforeAll(async () => {
      t = await chartsApp();
      browser = await chromium.launch({
        executablePath: browserPath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
      // POST /gpt/plan is not wired into the app yet: the plan is stored through the idea store
      const store = t.app.get<IdeaStoreApi>(IDEA_STORE);
      const saved = await store.save({
        user_id: 'anonymous',
        symbol: 'SPY',
        style: 'intraday',
        payload: samplePlan({
          symbol: 'SPY',
          style: 'intraday',
          bias: 'long',
          direction: 'long',
          setup: 'vwap_reclaim',
          entry: plan.entry,
          stop: plan.stop,
          targets: plan.targets,
          rr_to_t1: 1.29,
          confidence: 0.62,
          data_source: 'replay',
        }),
        layers: {
          levels: [
            { price: 450.46, label: 'PMH', kind: 'level' },
            { price: Math.round((last - 1.6) * 100) / 100, label: 'Equal lows', kind: 'liquidity_pool' },
          ],
          zones: [
            { low: Math.round((last - 1.2) * 100) / 100, high: Math.round((last - 0.9) * 100) / 100, kind: 'demand_zone', label: 'Demand' },
            { low: Math.round((last + 2.4) * 100) / 100, high: Math.round((last + 2.7) * 100) / 100, kind: 'supply_zone', label: 'Supply' },
            { low: Math.round((last + 0.3) * 100) / 100, high: Math.round((last + 0.5) * 100) / 100, kind: 'fair_value_gap', label: 'FVG' },
          ],
          annotations: [],
          meta: {},
        },
      });
      planId = saved.plan_id;
      fs.mkdirSync(OUT, { recursive: true });
    });
    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

    async function open(url: string): Promise<{ page: Page; state: TcState; dialogs: string[]; errors: string[] }> {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const dialogs: string[] = [];
      const errors: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('response', (res) => {
        if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
      });
      await page.goto(url);
      await page.waitForFunction(() => (globalThis as unknown as { __tc?: TcState }).__tc?.ready === true, undefined, { timeout: 30_000 });
      const state = (await page.evaluate(() => (globalThis as unknown as { __tc: TcState }).__tc)) as TcState;
      return { page, state, dialogs, errors };
    }

    it('opens the canonical link of a real /gpt/plan and draws its entry, stop, targets and persisted layers', async () => {
      // the replayed day has ended; simulate_open evaluates as if the session were open at the last bar
      const planRes = await request(t.http).post('/gpt/plan').send({ symbol: 'SPY', style: 'intraday', simulate_open: true }).expect(200);
      const real = planRes.body;
      expect(real.status).toBe('ok');
      expect(real.meta.simulated_open).toBe(true);
      const r = await request(t.http)
        .post('/gpt/chart-url')
        .send({ symbol: 'SPY', interval: '1m', plan_id: real.plan_id, plan_version: real.version, direction: real.direction, entry: real.entry, stop: real.stop, tp: real.targets.join(',') })
        .expect(200);
      const base = t.app.get<AppConfig>(APP_CONFIG).publicBaseUrl;
      const { page, state, dialogs, errors } = await open(t.url + r.body.interactive.slice(base.length));
      expect(state.error).toBeNull();
      expect(state.series.candles.length).toBe(rows.length);
      expect(state.series.VWAP.length).toBeGreaterThan(0);
      for (const span of [9, 21, 50]) expect(state.series[`EMA ${span}`].length).toBeGreaterThan(0);
      const line = (title: string) => state.priceLines.find((l) => l.title === title);
      expect(line('Entry')?.price).toBe(real.entry);
      expect(line('Stop')?.price).toBe(real.stop);
      real.targets.forEach((tp: number, i: number) => expect(line(`TP${i + 1}`)?.price).toBe(tp));
      const layers = await request(t.http).get('/api/v1/gpt/chart-layers').query({ plan_id: real.plan_id }).expect(200);
      expect(layers.body.levels.length).toBeGreaterThan(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      await page.screenshot({ path: path.join(OUT, 'tv-real-plan.png') });
      await page.close();
    });

    it('opens the canonical link of a stored plan and draws candles, plan lines, layers, EMAs and VWAP', async () => {
      const r = await request(t.http)
        .post('/gpt/chart-url')
        .send({ symbol: 'SPY', interval: '1m', plan_id: planId, plan_version: 1, direction: 'long', entry: plan.entry, stop: plan.stop, tp: plan.targets.join(','), range: '1D' })
        .expect(200);
      const base = t.app.get<AppConfig>(APP_CONFIG).publicBaseUrl;
      expect(r.body.interactive.startsWith(`${base}/tv?`)).toBe(true);
      const { page, state, dialogs, errors } = await open(t.url + r.body.interactive.slice(base.length));

      expect(state.error).toBeNull();
      expect(state.message).toBeNull();
      expect(state.data_source).toBe('replay');
      expect(state.banner).toMatch(/Replay data/);
      expect(state.series.candles.length).toBe(rows.length);
      expect(state.series.volume.length).toBe(rows.length);
      for (const span of [9, 21, 50]) expect(state.series[`EMA ${span}`].length).toBe(rows.length - span + 1);
      const vwap = referenceSessionVwap(rows);
      expect(state.series.VWAP.length).toBe(rows.length - 318); // regular + post-market bars
      expect(state.series.VWAP.last).toBeCloseTo(vwap.last, 5);
      expect(Object.keys(state.series).filter((k) => k.startsWith('AVWAP'))).toHaveLength(2);

      const line = (title: string) => state.priceLines.find((l) => l.title === title);
      expect(line('Entry')?.price).toBe(plan.entry);
      expect(line('Stop')?.price).toBe(plan.stop);
      expect(line('TP1')?.price).toBe(plan.targets[0]);
      expect(line('TP2')?.price).toBe(plan.targets[1]);
      expect(line('PMH')?.price).toBe(450.46);
      expect(state.priceLines.find((l) => l.kind === 'pool')?.title).toBe('Equal lows');
      expect(
        state.priceLines
          .filter((l) => l.kind === 'zone')
          .map((l) => l.title)
          .sort(),
      ).toEqual(['Demand ▲', 'Demand ▼', 'FVG ▲', 'FVG ▼', 'Supply ▲', 'Supply ▼']);
      expect(await page.locator('#plan-summary').textContent()).toContain(`entry ${plan.entry.toFixed(2)}`);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);

      // window.__tc is a read-only snapshot
      const tampered = await page.evaluate(() => {
        try {
          (globalThis as unknown as { __tc: TcState }).__tc.series.candles.length = 0;
        } catch {
          /* frozen */
        }
        return (globalThis as unknown as { __tc: TcState }).__tc.series.candles.length;
      });
      expect(tampered).toBe(rows.length);

      await page.screenshot({ path: path.join(OUT, 'tv-plan.png') });
      await page.close();
    });

    it('rejects a script in symbol: no script runs and a validation message is shown', async () => {
      const payload = encodeURIComponent('<script>alert(1)</script>');
      const img = encodeURIComponent('<img src=x onerror="window.__xss=1;alert(2)">');
      const { page, state, dialogs } = await open(`${t.url}/tv?symbol=${payload}&interval=5m&title=${img}`);
      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(state.error).toBe('validation');
      const msg = page.locator('#message');
      expect(await msg.isVisible()).toBe(true);
      expect(await msg.textContent()).toMatch(/symbol must be a ticker/);
      expect(await page.locator('script').count()).toBe(3); // only the page's own three scripts
      await page.screenshot({ path: path.join(OUT, 'tv-invalid-symbol.png') });
      await page.close();
    });

    it('shows a visible message for an unknown plan_id instead of a blank chart', async () => {
      const { page, state } = await open(`${t.url}/tv?plan_id=SPY-intraday-20230803-zzzzzz&interval=1m`);
      expect(state.message).toMatch(/Plan SPY-intraday-20230803-zzzzzz not found/);
      expect(await page.locator('#message').isVisible()).toBe(true);
      expect(state.series.candles.length).toBe(rows.length); // symbol taken from the plan id
      expect(state.priceLines).toEqual([]);
      await page.close();
    });

    it('with auth on: the page, bars and studies stay public, the plan needs ?token= (removed from the address bar)', async () => {
      const secured = await chartsApp({ BACKEND_API_KEY: 'viewer-key-42' });
      try {
        const saved = await secured.app.get<IdeaStoreApi>(IDEA_STORE).save({
          user_id: 'anonymous',
          symbol: 'SPY',
          style: 'intraday',
          payload: samplePlan({ symbol: 'SPY', direction: 'long', entry: plan.entry, stop: plan.stop, targets: plan.targets }),
        });
        const link = `${secured.url}/tv?interval=1m&plan_id=${saved.plan_id}`;
        const anon = await open(link);
        expect(anon.state.series.candles.length).toBe(rows.length);
        expect(anon.state.message).toMatch(/needs a key/);
        expect(anon.state.priceLines).toEqual([]);
        await anon.page.close();
        const keyed = await open(`${link}&token=viewer-key-42`);
        expect(keyed.state.message).toBeNull();
        expect(keyed.state.priceLines.find((l) => l.title === 'Entry')?.price).toBe(plan.entry);
        expect(keyed.page.url()).not.toContain('viewer-key-42');
        await keyed.page.close();
      } finally {
        await secured.close();
      }
    });

    it('rescales an old plan with scale_plan=auto and draws the light theme', async () => {
      const { page, state } = await open(`${t.url}/tv?symbol=SPY&interval=5m&entry=300&stop=295&tp=310&scale_plan=auto&theme=light`);
      const k = state.series.candles.last! / 300;
      expect(state.banner).toMatch(/rescaled/);
      expect(state.priceLines.find((l) => l.title === 'Entry')!.price).toBeCloseTo(300 * k, 6);
      expect(state.priceLines.find((l) => l.title === 'TP1')!.price).toBeCloseTo(310 * k, 6);
      expect(await page.getAttribute('html', 'data-theme')).toBe('light');
      await page.screenshot({ path: path.join(OUT, 'tv-light-rescaled.png') });
      await page.close();
    });
  });
}
