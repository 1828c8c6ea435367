import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { FiredPlan, firstFiredPlan, LIQUID_UNIVERSE, maxUniverse, NOW_MS, provenance } from './acceptance-support';
import { fillPath, listOperations, Operation, sampleBody, sampleValue } from './openapi-walk';

/**
 * Spec README "GPT Actions limits": every GPT-facing response stays under 100,000 characters, and
 * every payload states its data_source and as_of. Each GPT-facing operation in /openapi.json is
 * called with realistic arguments on the embedded default data (no env, clock pinned in a session),
 * including the bulkiest switches the schema offers. Operations this file has no recipe for are
 * still called, with a body built from the schema's own examples.
 */
const MAX_CHARS = 100_000;

/** GPT-facing: what a custom GPT imports and calls. /stream (SSE), /tv-api (chart datafeed) and
 * /health are for browsers and probes. */
const GPT_FACING = /^\/(gpt|idea|api\/v1)\//;

/** Payloads that carry no market numbers, so data_source/as_of are not required (reason given). */
const PROVENANCE_EXEMPT: Record<string, string> = {
  getChartUrl: 'returns a link only; the /tv page states the data source itself',
  getSession: 'is the service clock itself (it has as_of)',
  listScenarioPlans: 'lists plan ids; each plan carries its own provenance',
  listIdeas: 'lists stored plans; each item names its own data_source',
  listWatchlists: "the user's own lists (names and counts), no market numbers",
  getWatchlist: "the user's own tickers, no market numbers",
  getIvHistory: 'a recorded series: each day names its own source and recording time',
  recordIvHistory: 'each result names the chain source it recorded',
  backfillIvHistory: 'names the vendor it asked (null when none is configured)',
};

interface Call {
  what: string;
  method: 'get' | 'post';
  url: string;
  body?: unknown;
  /** A 2xx is the point of the call (a 4xx here means the recipe or the route is wrong). */
  expectOk?: boolean;
}

interface Ctx {
  plan?: FiredPlan;
  scenarioId?: string;
}

/** Realistic arguments per operationId; the first entry is the ordinary call, later ones the bulkiest. */
const RECIPES: Record<string, (ctx: Ctx) => Array<Omit<Call, 'method' | 'url'> & { path?: string; query?: string }>> = {
  scanUniverse: () => [
    { what: '12 liquid names, intraday', body: { universe: LIQUID_UNIVERSE, style: 'intraday' } },
    { what: '60 names, include_series, limit 100', body: { universe: maxUniverse().slice(0, 60), style: 'intraday', include_series: true, limit: 100 } },
    // The largest page measured (≈ 90k characters): 250 names, swing, 100 candidates.
    { what: '250 names as a comma string, swing, limit 100', body: { universe: maxUniverse().join(','), style: 'swing', limit: 100 } },
  ],
  getPlan: (c) => [
    { what: 'fired plan symbol', body: { symbol: c.plan?.symbol ?? 'SPY', style: c.plan?.style ?? 'intraday' } },
    ...['scalp', 'intraday', 'swing', 'leaps'].map((style) => ({ what: `SPY ${style} include_series`, body: { symbol: 'SPY', style, include_series: true } })),
    { what: 'fired plan with include_series', body: { symbol: c.plan?.symbol ?? 'SPY', style: c.plan?.style ?? 'intraday', include_series: true } },
  ],
  createScenarioPlan: (c) => [{ what: 'scenario on the fired symbol', body: { symbol: c.plan?.symbol ?? 'SPY', style: c.plan?.style ?? 'intraday', include_series: true } }],
  getContext: () => [
    { what: 'SPY 5m lookback 300', path: '/gpt/context/SPY', query: 'interval=5m&lookback=300' },
    { what: 'SPY 1m lookback 1000', path: '/gpt/context/SPY', query: 'interval=1m&lookback=1000' },
    { what: 'SPY 1D lookback 1000', path: '/gpt/context/SPY', query: 'interval=1D&lookback=1000' },
  ],
  getMultiContext: () => [
    { what: 'SPY 5m/1h/4h/1D', body: { symbol: 'SPY', intervals: ['5m', '1h', '4h', '1D'] } },
    { what: 'all 8 intervals, lookback 1000, include_series', body: { symbol: 'SPY', intervals: ['1m', '3m', '5m', '15m', '30m', '1h', '4h', '1D'], lookback: 1000, include_series: true } },
  ],
  getContracts: (c) => [
    { what: 'SPY calls intraday', body: { symbol: 'SPY', side: 'call', style: 'intraday' } },
    { what: 'QQQ puts leaps', body: { symbol: 'QQQ', side: 'put', style: 'leaps' } },
    ...(c.plan ? [{ what: 'from the fired plan_id', body: { symbol: c.plan.symbol, plan_id: c.plan.plan_id } }] : []),
  ],
  getChartUrl: (c) => [
    { what: 'explicit levels', body: { symbol: 'SPY', interval: '5m', direction: 'long', entry: 512.25, stop: 510.1, tp: '514.5,516' } },
    ...(c.plan ? [{ what: 'fired plan', body: { symbol: c.plan.symbol, interval: '5m', plan_id: c.plan.plan_id, plan_version: c.plan.version } }] : []),
  ],
  getIdea: (c) => [{ what: 'fired plan', path: `/idea/${c.plan?.plan_id}` }],
  getWatchlist: () => [{ what: 'a saved list', path: '/api/v1/watchlists/payload' }],
  listIdeas: (c) => [{ what: 'plans of the fired symbol', query: `symbol=${c.plan?.symbol ?? 'SPY'}&limit=100` }],
  getIdeaVersion: (c) => [{ what: 'fired plan v1', path: `/idea/${c.plan?.plan_id}/1` }],
  getChartLayers: (c) => [{ what: 'fired plan', query: `plan_id=${c.plan?.plan_id}` }],
  listScenarioPlans: (c) => [{ what: 'fired symbol', query: `symbol=${c.plan?.symbol ?? 'SPY'}` }],
  adoptScenarioPlan: (c) => (c.scenarioId ? [{ what: 'the scenario plan', path: `/gpt/plan/${c.scenarioId}/adopt` }] : []),
};

function callsFor(doc: any, o: Operation, ctx: Ctx): Call[] {
  const defaultPath = fillPath(o.path, { plan_id: ctx.plan?.plan_id ?? 'SPY-intraday-20240612-abcdef', symbol: 'SPY', version: '1' });
  const defaultQuery = o.parameters
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(String(sampleValue(doc, p.schema)))}`)
    .join('&');
  const recipe = RECIPES[o.operationId ?? '']?.(ctx) ?? [{ what: 'schema examples', body: o.requestSchema ? sampleBody(doc, o.requestSchema) : undefined }];
  return recipe.map((r) => {
    const path = r.path ?? defaultPath;
    const query = r.query ?? defaultQuery;
    return { what: r.what, method: o.method as 'get' | 'post', url: query ? `${path}?${query}` : path, body: o.method === 'post' ? (r.body ?? {}) : undefined, expectOk: true };
  });
}

describe('GPT-facing payloads on the embedded default data: < 100,000 characters, provenance stated', () => {
  let t: TestApp;
  let doc: any;
  let ops: Operation[];
  const ctx: Ctx = {};

  beforeAll(async () => {
    t = await createTestApp({}, { clockMs: NOW_MS });
    doc = (await request(t.http).get('/openapi.json').expect(200)).body;
    ops = listOperations(doc).filter((o) => GPT_FACING.test(o.path) && (o.method === 'get' || o.method === 'post'));
    const has = (id: string) => ops.some((o) => o.operationId === id);
    if (has('getPlan')) ctx.plan = await firstFiredPlan(t);
    if (has('getWatchlist')) await request(t.http).put('/api/v1/watchlists/payload').send({ tickers: LIQUID_UNIVERSE }).expect(200);
    if (has('createScenarioPlan') && ctx.plan) {
      const r = await request(t.http).post('/gpt/plan/scenario').send({ symbol: ctx.plan.symbol, style: ctx.plan.style });
      if (typeof r.body?.plan_id === 'string') ctx.scenarioId = r.body.plan_id;
    }
  }, 120_000);
  afterAll(() => t.close());

  it('finds GPT-facing operations in the document', () => {
    expect(ops.length).toBeGreaterThan(0);
  });

  it('answers every realistic call with 200 JSON under 100,000 characters that states data_source and as_of', async () => {
    const failures: string[] = [];
    const checked: string[] = [];
    for (const o of ops) {
      for (const c of callsFor(doc, o, ctx)) {
        const label = `${o.label} [${c.what}]`;
        // A hang guard, not a speed assertion (speed belongs to bench/); ACCEPTANCE_VERBOSE=1 prints timings.
        let req = request(t.http)[c.method](c.url).timeout({ response: 120_000 });
        if (c.method === 'post') req = req.set('Content-Type', 'application/json').send(JSON.stringify(c.body));
        let r;
        try {
          const t0 = Date.now();
          r = await req;
          if (process.env.ACCEPTANCE_VERBOSE) console.log(`${label}: ${Date.now() - t0} ms, ${r.text.length} chars`);
        } catch (err) {
          failures.push(`${label}: ${(err as Error).message}`);
          continue;
        }
        checked.push(`${label}: ${r.status} ${r.text.length} chars`);
        if (c.expectOk && (r.status < 200 || r.status > 299)) {
          failures.push(`${label}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
          continue;
        }
        if (!/json/.test(String(r.headers['content-type']))) failures.push(`${label}: content-type ${r.headers['content-type']}`);
        if (r.text.length >= MAX_CHARS) failures.push(`${label}: ${r.text.length} characters`);
        if (!(o.operationId! in PROVENANCE_EXEMPT)) {
          const p = provenance(r.body);
          if (typeof p.data_source !== 'string' || !p.data_source) failures.push(`${label}: no data_source`);
          if (typeof p.as_of !== 'string' || Number.isNaN(Date.parse(p.as_of))) failures.push(`${label}: no ISO as_of (got ${JSON.stringify(p.as_of)})`);
        }
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(ops.length);
    expect(failures).toEqual([]);
  }, 300_000);

  it('labels the embedded data as synthetic or replay, never as a live vendor', async () => {
    const plan = ops.find((o) => o.operationId === 'getPlan');
    if (!plan) return expect(ctx.plan).toBeUndefined();
    expect(['synthetic', 'replay']).toContain(ctx.plan!.body.data_source);
    expect(String(ctx.plan!.body.banner ?? '')).not.toBe('');
  });
});
