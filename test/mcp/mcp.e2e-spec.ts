import request from 'supertest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { firstFiredPlan, LIQUID_UNIVERSE, NOW_MS } from '../acceptance/acceptance-support';
import { createTestApp, TestApp } from '../support/test-app';

/** The MCP surface at /mcp, driven by the official SDK client, against the REST answers of the same app. */
const ALICE = { Authorization: 'Bearer key-alice-123' };
const BOB = { Authorization: 'Bearer key-bob-1234' };

async function connect(t: TestApp, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${t.url}/mcp`), { requestInit: { headers } }));
  return client;
}

const payload = (r: any) => {
  expect(r.isError).toBeFalsy();
  const text = JSON.parse(r.content[0].text);
  expect(r.structuredContent).toEqual(text);
  return text;
};

describe('MCP server at /mcp (streamable HTTP, stateless)', () => {
  let t: TestApp;
  let alice: Client;
  beforeAll(async () => {
    t = await createTestApp({ BACKEND_API_KEYS: 'key-alice-123:alice,key-bob-1234:bob' }, { clockMs: NOW_MS });
    alice = await connect(t, ALICE);
  });
  afterAll(async () => {
    await alice?.close();
    await t.close();
  });

  it('lists the eight task tools, each with a typed input schema and its typical output size', async () => {
    const { tools } = await alice.listTools();
    expect(tools.map((x) => x.name).sort()).toEqual(['chart_link', 'context', 'contracts', 'idea', 'multi_context', 'plan', 'playbooks', 'scan']);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.description).toMatch(/Typical output ~\d/);
    }
    const plan = tools.find((x) => x.name === 'plan')!;
    expect(plan.inputSchema.required).toEqual(['symbol']);
    expect(Object.keys(plan.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['symbol', 'style', 'as_of']));
  });

  it('plan gives the same plan fields as POST /gpt/plan', async () => {
    const rest = await firstFiredPlan(t, ALICE);
    const mcp = payload(await alice.callTool({ name: 'plan', arguments: { symbol: rest.symbol, style: rest.style } }));
    expect(mcp.status).toBe('ok');
    expect(mcp.plan_id).toBe(rest.plan_id);
    expect(mcp.version).toBe(rest.version + 1); // the same live plan, regenerated
    for (const k of ['symbol', 'style', 'direction', 'strategy_id', 'entry', 'stop', 'targets', 'rr_to_t1', 'confidence', 'probabilities', 'data_source', 'as_of', 'planning_context']) {
      expect([k, mcp[k]]).toEqual([k, rest.body[k]]);
    }
    expect(JSON.stringify(mcp).length).toBeLessThan(JSON.stringify(rest.body).length / 3);
  });

  it('plan with as_of plans in the past like REST', async () => {
    const as_of = '2024-06-11T15:00:00Z';
    const body = { symbol: 'SPY', style: 'intraday', as_of };
    const rest = (await request(t.http).post('/gpt/plan').set(ALICE).send(body).expect(200)).body;
    const mcp = payload(await alice.callTool({ name: 'plan', arguments: body }));
    expect(mcp.status).toBe(rest.status);
    expect(mcp.as_of).toBe(rest.as_of);
    if (rest.status === 'ok') expect([mcp.entry, mcp.stop, mcp.planning_context]).toEqual([rest.entry, rest.stop, 'historical']);
  });

  it('scan gives the same ranked candidates as POST /gpt/scan', async () => {
    const body = { universe: LIQUID_UNIVERSE, style: 'intraday', limit: 5 };
    const rest = (await request(t.http).post('/gpt/scan').set(ALICE).send(body).expect(200)).body;
    const mcp = payload(await alice.callTool({ name: 'scan', arguments: body }));
    const view = (c: any) => [c.rank, c.symbol, c.strategy_id, c.direction, c.entry, c.stop, c.targets, c.rr_to_t1, c.confidence, c.data_source];
    expect(mcp.candidates.length).toBe(rest.candidates.length);
    expect(mcp.candidates.map(view)).toEqual(rest.candidates.map(view));
    expect(mcp.meta.universe_count).toBe(rest.meta.universe_count);
    expect(mcp.next_cursor === null).toBe(rest.next_cursor === null);
  });

  it('rejects what REST rejects, naming the field, as a tool error', async () => {
    const r: any = await alice.callTool({ name: 'plan', arguments: { symbol: 'NOT A TICKER!' } });
    expect(r.isError).toBe(true);
    const err = JSON.parse(r.content[0].text);
    expect(err).toMatchObject({ error: 'validation_failed', status: 400 });
    expect(err.details[0].field).toBe('symbol');
  });

  it('context, multi_context, contracts, chart_link and playbooks answer with provenance', async () => {
    const ctx = payload(await alice.callTool({ name: 'context', arguments: { symbol: 'SPY', interval: '5m', bars: 3 } }));
    expect(ctx.bars).toHaveLength(3);
    expect(typeof ctx.indicators.rsi14 === 'number' || ctx.indicators.rsi14 === null).toBe(true);
    expect(ctx.data_source).toBe('synthetic');
    const multi = payload(await alice.callTool({ name: 'multi_context', arguments: { symbol: 'SPY', intervals: ['5m', '1h'] } }));
    expect(multi.symbol).toBe('SPY');
    const contracts = payload(await alice.callTool({ name: 'contracts', arguments: { symbol: 'SPY', side: 'call', top: 2 } }));
    expect(contracts.best.length).toBeLessThanOrEqual(2);
    expect(typeof contracts.data_source).toBe('string');
    const link = payload(await alice.callTool({ name: 'chart_link', arguments: { symbol: 'SPY', interval: '5m', entry: 500, stop: 495, targets: [505, 510] } }));
    expect(link.interactive).toMatch(/\/tv\?/);
    expect(link.interactive).toContain('tp=505,510');
    const pb = payload(await alice.callTool({ name: 'playbooks', arguments: { style: 'intraday' } }));
    expect(pb.playbooks.length).toBeGreaterThan(0);
  });

  it("idea reads the caller's plan; a second user gets not_found for it", async () => {
    const rest = await firstFiredPlan(t, ALICE);
    const mine = payload(await alice.callTool({ name: 'idea', arguments: { plan_id: rest.plan_id } }));
    expect(mine.plan.entry).toBe(rest.body.entry);
    const bob = await connect(t, BOB);
    try {
      const r: any = await bob.callTool({ name: 'idea', arguments: { plan_id: rest.plan_id } });
      expect(r.isError).toBe(true);
      expect(JSON.parse(r.content[0].text)).toMatchObject({ error: 'not_found', status: 404 });
    } finally {
      await bob.close();
    }
  });

  it('answers 401 without the key (the SDK client fails to connect)', async () => {
    await request(t.http).post('/mcp').set('Accept', 'application/json, text/event-stream').send({ jsonrpc: '2.0', id: 1, method: 'tools/list' }).expect(401);
    await expect(connect(t, {})).rejects.toThrow(/401|nauthorized/);
  });

  it('refuses a foreign Host or Origin (DNS rebinding) and other methods with 405 + Allow', async () => {
    const rpc = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    const accept = 'application/json, text/event-stream';
    await request(t.http).post('/mcp').set(ALICE).set('Accept', accept).set('Host', 'evil.example').send(rpc).expect(403);
    await request(t.http).post('/mcp').set(ALICE).set('Accept', accept).set('Origin', 'https://evil.example').send(rpc).expect(403);
    await request(t.http).post('/mcp').set(ALICE).set('Accept', accept).set('Origin', 'http://localhost:3000').send(rpc).expect(200);
    const g = await request(t.http).get('/mcp').set(ALICE).expect(405);
    expect(g.headers.allow).toBe('POST');
  });
});
