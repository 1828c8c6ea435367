import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { collectRefs, deref, listOperations, Operation, propertyDescriptions, resolvePointer } from './openapi-walk';

/**
 * The document a custom GPT imports, held to OpenAI's published Actions limits (spec README, "GPT
 * Actions limits"): summaries/descriptions ≤ 300 characters, parameter descriptions ≤ 700, no
 * header a GPT cannot send, consequential flags on POSTs, and a stable, resolvable document.
 */
const SUMMARY_MAX = 300;
const PARAM_DESCRIPTION_MAX = 700;

describe('OpenAPI document served at /openapi.json (GPT Actions import)', () => {
  let t: TestApp;
  let doc: any;
  let text: string;
  let ops: Operation[];

  beforeAll(async () => {
    t = await createTestApp();
    const r = await request(t.http).get('/openapi.json').expect(200).expect('Content-Type', /json/);
    text = r.text;
    doc = JSON.parse(text);
    ops = listOperations(doc);
  });
  afterAll(() => t.close());

  it('is an OpenAPI 3.x document with info, paths and a server', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(typeof doc.info?.title).toBe('string');
    expect(typeof doc.info?.version).toBe('string');
    expect(doc.servers?.[0]?.url).toMatch(/^https?:\/\/[^/]+$/);
    expect(ops.length).toBeGreaterThan(0);
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\//);
  });

  it('lists the GPT-facing routes that exist in the product contract (present ones only)', () => {
    // Not a completeness check (features land over time) — it guards against the walk seeing nothing.
    const paths = new Set(Object.keys(doc.paths));
    expect(paths.has('/idea/{plan_id}')).toBe(true);
    expect(paths.has('/api/v1/gpt/chart-layers')).toBe(true);
  });

  it('gives every operation a unique, non-empty operationId', () => {
    const ids = ops.map((o) => o.operationId);
    const missing = ops.filter((o) => typeof o.operationId !== 'string' || !o.operationId).map((o) => o.label);
    expect(missing).toEqual([]);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
    // GPT Actions use operationId as a function name: keep it identifier-shaped.
    const odd = ops.filter((o) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.operationId ?? '')).map((o) => `${o.label}: ${o.operationId}`);
    expect(odd).toEqual([]);
  });

  it(`gives every operation a summary of 1–${SUMMARY_MAX} characters and keeps descriptions ≤ ${SUMMARY_MAX}`, () => {
    const problems: string[] = [];
    for (const o of ops) {
      const s = o.summary ?? '';
      if (s.trim().length === 0) problems.push(`${o.label}: no summary`);
      if (s.length > SUMMARY_MAX) problems.push(`${o.label}: summary ${s.length} chars`);
      if ((o.description ?? '').length > SUMMARY_MAX) problems.push(`${o.label}: description ${o.description!.length} chars`);
    }
    expect(problems).toEqual([]);
  });

  it(`keeps every parameter and request-body field description ≤ ${PARAM_DESCRIPTION_MAX} characters`, () => {
    const problems: string[] = [];
    for (const o of ops) {
      for (const p of o.parameters) {
        const d = p.description ?? '';
        if (d.length > PARAM_DESCRIPTION_MAX) problems.push(`${o.label} ${p.in}:${p.name}: ${d.length} chars`);
      }
      for (const { field, description } of propertyDescriptions(doc, o.requestSchema)) {
        if (description.length > PARAM_DESCRIPTION_MAX) problems.push(`${o.label} body.${field}: ${description.length} chars`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('marks every POST with a boolean x-openai-isConsequential', () => {
    const missing = ops.filter((o) => o.method === 'post' && typeof o.raw['x-openai-isConsequential'] !== 'boolean').map((o) => o.label);
    expect(missing).toEqual([]);
  });

  it('flags operations that create, adopt, update or delete state as consequential', () => {
    // Naming convention (operationId = method name): verbs that change stored state must be `true`.
    const wrong = ops
      .filter((o) => o.method !== 'get' && /^(create|adopt|update|delete|remove|set|cancel|close|archive)/.test(o.operationId ?? ''))
      .filter((o) => o.raw['x-openai-isConsequential'] !== true)
      .map((o) => `${o.label} (${o.operationId})`);
    expect(wrong).toEqual([]);
  });

  it('resolves every $ref and gives every request body and JSON response a schema', () => {
    const dangling = collectRefs(doc)
      .filter(({ ref }) => resolvePointer(doc, ref) === undefined)
      .map(({ ref, at }) => `${at} → ${ref}`);
    expect(dangling).toEqual([]);
    const problems: string[] = [];
    for (const o of ops) {
      if (o.raw.requestBody && !deref(doc, o.requestSchema)) problems.push(`${o.label}: request body without a JSON schema`);
      for (const [status, resp] of Object.entries<any>(o.raw.responses ?? {})) {
        const json = resp?.content?.['application/json'];
        if (json && !deref(doc, json.schema)) problems.push(`${o.label} ${status}: JSON response without a schema`);
      }
      if (Object.keys(o.raw.responses ?? {}).length === 0) problems.push(`${o.label}: no responses`);
    }
    expect(problems).toEqual([]);
  });

  it('declares a parameter for every {path} template and every declared path parameter is in the path', () => {
    const problems: string[] = [];
    for (const o of ops) {
      const inPath = [...o.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = o.parameters.filter((p) => p.in === 'path');
      for (const name of inPath) {
        const p = declared.find((d) => d.name === name);
        if (!p) problems.push(`${o.label}: {${name}} not declared`);
        else if (p.required !== true) problems.push(`${o.label}: path parameter ${name} not required`);
      }
      for (const d of declared) if (!inPath.includes(d.name)) problems.push(`${o.label}: path parameter ${d.name} not in the path`);
    }
    expect(problems).toEqual([]);
  });

  it('never requires a header (a GPT cannot send custom headers) and never declares one parameter twice', () => {
    const problems: string[] = [];
    for (const o of ops) {
      for (const p of o.parameters) if (p.in === 'header' && p.required) problems.push(`${o.label}: required header ${p.name}`);
      // Header names are case-insensitive (RFC 9110), so X-Simulate-Open and x-simulate-open are one parameter.
      const keys = o.parameters.map((p) => `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`);
      for (const k of new Set(keys.filter((k, i) => keys.indexOf(k) !== i))) problems.push(`${o.label}: ${k} declared twice`);
    }
    expect(problems).toEqual([]);
  });

  it('declares the bearer security scheme the GPT auth setup refers to', () => {
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('is byte-identical across fetches and across app instances', async () => {
    const again = await request(t.http).get('/openapi.json').expect(200);
    expect(again.text).toBe(text);
    const other = await createTestApp();
    try {
      const third = await request(other.http).get('/openapi.json').expect(200);
      expect(third.text).toBe(text);
    } finally {
      await other.close();
    }
  });
});

describe('OpenAPI servers entry', () => {
  it('equals PUBLIC_BASE_URL when it is set', async () => {
    const t = await createTestApp({ PUBLIC_BASE_URL: 'https://coach.example.com' });
    try {
      const { body } = await request(t.http).get('/openapi.json').expect(200);
      expect(body.servers[0].url).toBe('https://coach.example.com');
    } finally {
      await t.close();
    }
  });

  it('declares document-level bearer security when BACKEND_API_KEY is set', async () => {
    const t = await createTestApp({ BACKEND_API_KEY: 'conformance-key-1' });
    try {
      const { body } = await request(t.http).get('/openapi.json').expect(200);
      expect(body.security).toEqual([{ bearer: [] }]);
    } finally {
      await t.close();
    }
  });
});
