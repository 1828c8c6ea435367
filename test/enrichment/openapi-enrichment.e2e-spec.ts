/** The OpenAPI document describes the enrichment route, the new plan fields and the index execution fields. */
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app';

describe('OpenAPI: enrichment and index mode', () => {
  let t: TestApp;
  let doc: any;
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await request(t.http).get('/openapi.json').expect(200)).body;
  });
  afterAll(async () => t?.close());
  const schema = (name: string) => doc.components.schemas[name];

  it('GET /gpt/enrichment/{symbol} with its operation id, style query and a summary within 300 characters', () => {
    const op = doc.paths['/gpt/enrichment/{symbol}'].get;
    expect(op.operationId).toBe('getEnrichment');
    expect(op.summary.length).toBeLessThanOrEqual(300);
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['style', 'symbol']);
    expect(op.responses['200'].content['application/json'].schema.$ref).toMatch(/EnrichmentResponseDto$/);
  });

  it('marks vendor headlines as untrusted third-party text with a length limit', () => {
    const h = schema('HeadlineDto').properties.headline;
    expect(h.description).toMatch(/Third-party vendor text: untrusted/);
    expect(h.maxLength).toBe(200);
    expect(schema('MacroEventDto').properties.event.description).toMatch(/untrusted/);
  });

  it('plans describe enrichment, event_risk, blocked_by_event and index_mode; contracts describe execution_proxy', () => {
    const plan = schema('PlanResponseDto').properties;
    for (const f of ['enrichment', 'event_risk', 'blocked_by_event', 'index_mode']) expect(plan[f]).toBeDefined();
    expect(schema('EnrichmentBlockDto').properties.enrichment_status.enum).toEqual(['ok', 'partial', 'unavailable']);
    expect(schema('ProxyRatioDto').required).toEqual(expect.arrayContaining(['ratio', 'as_of', 'source', 'method']));
    const c = schema('ContractsResponseDto').properties;
    for (const f of ['execution_proxy', 'translated_levels', 'fallback_banner', 'execution_notes', 'feed_health']) expect(c[f]).toBeDefined();
    expect(schema('ContractPickDto').properties.settlement.enum).toEqual(['physical', 'cash_am', 'cash_pm']);
  });
});
