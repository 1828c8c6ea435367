import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { NOW_MS } from './acceptance-support';
import { deref, fillPath, listOperations, Operation, sampleBody, wrongTypeValue } from './openapi-walk';

/**
 * Spec README §2: validation errors are 400 `{error: "validation_failed", details: [{field, message}]}`
 * naming the field; unknown plan 404; never a 500. Every POST in /openapi.json gets: its valid
 * example body (must pass, otherwise the rest proves nothing), an unknown key, each required field
 * missing and of the wrong type, every field given an object (the classic `{"$gt": …}` injection),
 * and bodies that are not objects.
 */

/** Added to the schema-example body where the document's `required` list alone is not a valid call
 * (cross-field rules); the first test reports those gaps, the rest still get a valid baseline. */
const BASE_OVERRIDES: Record<string, Record<string, unknown>> = {
  getContracts: { side: 'call' },
  getMultiContext: { intervals: ['5m', '1h'] },
};

/**
 * Documented exceptions to "unknown key → 400": the operation's summary says unknown keys are
 * dropped (reference §1.7: ChartParams allows extras because GPT callers send whole plan objects).
 * For these the test holds them to that instead: 200 and the key absent from the result.
 */
const DROPS_UNKNOWN_KEYS = new Set(['getChartUrl']);

const UNKNOWN_PLAN = 'SPY-intraday-20240612-zzzzzz';

interface Verdict {
  ok: boolean;
  why: string;
}

function namesField(r: request.Response, field: string): Verdict {
  if (r.status !== 400) return { ok: false, why: `HTTP ${r.status} ${r.text.slice(0, 200)}` };
  if (r.body?.error !== 'validation_failed') return { ok: false, why: `error=${JSON.stringify(r.body?.error)}` };
  const details = Array.isArray(r.body.details) ? r.body.details : [];
  const bad = details.filter((d: any) => typeof d?.field !== 'string' || typeof d?.message !== 'string');
  if (details.length === 0 || bad.length) return { ok: false, why: `details malformed: ${JSON.stringify(r.body.details)}` };
  // `universe[0]` or `plan_anchor.stop` name the field too.
  const hit = details.some((d: any) => d.field === field || d.field.startsWith(`${field}.`) || d.field.startsWith(`${field}[`));
  return hit ? { ok: true, why: '' } : { ok: false, why: `details name ${details.map((d: any) => d.field).join(', ')}, not ${field}` };
}

describe('bad input on every POST in /openapi.json → 400 naming the field, never 500', () => {
  let t: TestApp;
  let doc: any;
  let posts: Operation[];
  let gets: Operation[];

  beforeAll(async () => {
    t = await createTestApp({}, { clockMs: NOW_MS });
    doc = (await request(t.http).get('/openapi.json').expect(200)).body;
    const ops = listOperations(doc);
    posts = ops.filter((o) => o.method === 'post');
    gets = ops.filter((o) => o.method === 'get' && !o.path.startsWith('/stream/'));
  });
  afterAll(() => t.close());

  const post = (o: Operation, body: string) =>
    request(t.http)
      .post(fillPath(o.path, { plan_id: UNKNOWN_PLAN }))
      .set('Content-Type', 'application/json')
      .send(body);
  const baseBody = (o: Operation) => ({ ...sampleBody(doc, o.requestSchema), ...(BASE_OVERRIDES[o.operationId ?? ''] ?? {}) });
  const withBody = () => posts.filter((o) => o.requestSchema);

  it('has POST operations with bodies to check', () => {
    expect(withBody().length).toBeGreaterThan(0);
  });

  it('accepts a body with just the fields the document marks required (filled from its examples)', async () => {
    const failures: string[] = [];
    for (const o of withBody()) {
      // a cross-field rule published as anyOf (e.g. side, bias or plan_id): its first alternative's fields are required too
      const s: any = deref(doc, o.requestSchema);
      const body = sampleBody(doc, s?.anyOf?.[0]?.required ? { ...s, required: [...(s.required ?? []), ...s.anyOf[0].required] } : o.requestSchema);
      const r = await post(o, JSON.stringify(body));
      if (r.status !== 200 && r.status !== 201) failures.push(`${o.label} ${JSON.stringify(body)}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('accepts each POST’s baseline body (the one the bad variants are built from)', async () => {
    const failures: string[] = [];
    for (const o of withBody()) {
      const r = await post(o, JSON.stringify(baseBody(o)));
      if (r.status !== 200 && r.status !== 201) failures.push(`${o.label} ${JSON.stringify(baseBody(o))}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('rejects an unknown key with 400 naming it', async () => {
    const failures: string[] = [];
    for (const o of withBody()) {
      const r = await post(o, JSON.stringify({ ...baseBody(o), unknown_key_xyz: 1 }));
      if (DROPS_UNKNOWN_KEYS.has(o.operationId ?? '')) {
        if (r.status !== 200 || r.text.includes('unknown_key_xyz')) failures.push(`${o.label} (documented to drop unknown keys): HTTP ${r.status} ${r.text.slice(0, 200)}`);
        continue;
      }
      const v = namesField(r, 'unknown_key_xyz');
      if (!v.ok) failures.push(`${o.label}: ${v.why}`);
    }
    expect(failures).toEqual([]);
  });

  it('rejects each required field missing or of the wrong type with 400 naming it', async () => {
    const failures: string[] = [];
    for (const o of withBody()) {
      const schema = deref(doc, o.requestSchema)!;
      for (const field of schema.required ?? []) {
        const missing = { ...baseBody(o) };
        delete missing[field];
        let v = namesField(await post(o, JSON.stringify(missing)), field);
        if (!v.ok) failures.push(`${o.label} without ${field}: ${v.why}`);
        const wrong = { ...baseBody(o), [field]: wrongTypeValue(doc, schema.properties?.[field]) };
        v = namesField(await post(o, JSON.stringify(wrong)), field);
        if (!v.ok) failures.push(`${o.label} ${field}=${JSON.stringify(wrong[field])}: ${v.why}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('rejects an object (or, for object fields, a string) in every field with 400 naming it', async () => {
    const failures: string[] = [];
    for (const o of withBody()) {
      const schema = deref(doc, o.requestSchema)!;
      for (const [field, prop] of Object.entries(schema.properties ?? {})) {
        const isObject = deref(doc, prop)?.type === 'object' || !!deref(doc, prop)?.properties;
        const value = isObject ? 'not-an-object' : { $gt: 1 };
        const v = namesField(await post(o, JSON.stringify({ ...baseBody(o), [field]: value })), field);
        if (!v.ok) failures.push(`${o.label} ${field}=${JSON.stringify(value)}: ${v.why}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers bodies that are not a JSON object with 400, never 500', async () => {
    const failures: string[] = [];
    for (const o of withBody()) {
      for (const body of ['[]', '[{}]', 'null', '"SPY"', '42', '{"symbol":']) {
        const r = await post(o, body);
        if (r.status !== 400 || r.body?.error !== 'validation_failed') failures.push(`${o.label} body ${body}: HTTP ${r.status} ${r.text.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers POSTs without a body schema on an unknown or malformed plan with 404/400, never 500', async () => {
    const failures: string[] = [];
    for (const o of posts.filter((p) => !p.requestSchema && p.path.includes('{plan_id}'))) {
      const unknown = await request(t.http)
        .post(fillPath(o.path, { plan_id: UNKNOWN_PLAN }))
        .send({});
      if (unknown.status !== 404 || unknown.body?.error !== 'not_found') failures.push(`${o.label} unknown plan: HTTP ${unknown.status}`);
      const malformed = namesField(
        await request(t.http)
          .post(fillPath(o.path, { plan_id: '<script>' }))
          .send({}),
        'plan_id',
      );
      if (!malformed.ok) failures.push(`${o.label} plan_id=<script>: ${malformed.why}`);
    }
    expect(failures).toEqual([]);
  });

  it('rejects non-numeric values of numeric query parameters on GETs with 400 naming them', async () => {
    const failures: string[] = [];
    for (const o of gets) {
      const required: Record<string, string> = {};
      for (const p of o.parameters) if (p.in === 'query' && p.required) required[p.name] = p.name === 'plan_id' ? UNKNOWN_PLAN : 'SPY';
      for (const p of o.parameters.filter((p) => p.in === 'query' && ['number', 'integer'].includes(String(deref(doc, p.schema)?.type)))) {
        const r = await request(t.http)
          .get(fillPath(o.path, { plan_id: UNKNOWN_PLAN, symbol: 'SPY', version: '1' }))
          .query({ ...required, [p.name]: 'abc' });
        const v = namesField(r, p.name);
        if (!v.ok) failures.push(`${o.label} ${p.name}=abc: ${v.why}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers an unknown plan with 404 on the read routes', async () => {
    const reads = gets.filter((o) => o.path.includes('{plan_id}') || o.parameters.some((p) => p.name === 'plan_id' && p.in === 'query'));
    expect(reads.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const o of reads) {
      const r = await request(t.http)
        .get(fillPath(o.path, { plan_id: UNKNOWN_PLAN, version: '1' }))
        .query(o.path.includes('{plan_id}') ? {} : { plan_id: UNKNOWN_PLAN });
      if (r.status !== 404 || r.body?.error !== 'not_found') failures.push(`${o.label}: HTTP ${r.status} ${r.text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  });
});
