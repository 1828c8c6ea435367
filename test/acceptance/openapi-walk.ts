/**
 * Walks the served /openapi.json so the acceptance tests follow whatever routes exist when they run:
 * a feature that lands is checked automatically, one that is absent is simply not in the list.
 */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete'];

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

export interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  [k: string]: unknown;
}

export interface Operation {
  method: Method;
  path: string;
  /** `POST /gpt/plan` — the label used in test names and failure messages. */
  label: string;
  operationId?: string;
  summary?: string;
  description?: string;
  parameters: OpenApiParameter[];
  requestSchema?: JsonSchema;
  raw: Record<string, any>;
}

export function listOperations(doc: any): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      out.push({
        method,
        path,
        label: `${method.toUpperCase()} ${path}`,
        operationId: op.operationId,
        summary: op.summary,
        description: op.description,
        parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])],
        requestSchema: op.requestBody?.content?.['application/json']?.schema,
        raw: op,
      });
    }
  }
  return out;
}

/** Resolve a local `#/a/b` JSON pointer; undefined when it points nowhere. */
export function resolvePointer(doc: any, ref: string): any {
  if (!ref.startsWith('#/')) return undefined;
  let node = doc;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Follow $ref and single-entry allOf wrappers (how @nestjs/swagger emits nested DTOs). */
export function deref(doc: any, schema: JsonSchema | undefined): JsonSchema | undefined {
  let s = schema;
  for (let i = 0; s && i < 10; i++) {
    if (s.$ref) s = resolvePointer(doc, s.$ref);
    else if (s.allOf?.length === 1 && !s.properties) s = s.allOf[0];
    else return s;
  }
  return s;
}

/** Every `$ref` string anywhere in the document, with where it was found. */
export function collectRefs(node: unknown, at = '#'): Array<{ ref: string; at: string }> {
  if (Array.isArray(node)) return node.flatMap((v, i) => collectRefs(v, `${at}/${i}`));
  if (!node || typeof node !== 'object') return [];
  const out: Array<{ ref: string; at: string }> = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out.push({ ref: v, at });
    else out.push(...collectRefs(v, `${at}/${k}`));
  }
  return out;
}

/** Every `description` of a request-body property (the GPT sees these as parameter descriptions). */
export function propertyDescriptions(doc: any, schema: JsonSchema | undefined, prefix = '', seen = new Set<JsonSchema>()): Array<{ field: string; description: string }> {
  const s = deref(doc, schema);
  if (!s || seen.has(s)) return [];
  seen.add(s);
  const out: Array<{ field: string; description: string }> = [];
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    const field = prefix ? `${prefix}.${name}` : name;
    if (typeof prop.description === 'string') out.push({ field, description: prop.description });
    out.push(...propertyDescriptions(doc, prop.items ?? prop, field, seen));
  }
  return out;
}

/** A plausible value for a schema: its example, else default, else first enum entry, else by type. */
export function sampleValue(doc: any, schema: JsonSchema | undefined): unknown {
  const s = deref(doc, schema) ?? {};
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'string':
      return 'SPY';
    case 'number':
    case 'integer':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return false;
    case 'array':
      return [sampleValue(doc, s.items)];
    default:
      return sampleBody(doc, s);
  }
}

/** A body with every required property filled from the schema's own examples. */
export function sampleBody(doc: any, schema: JsonSchema | undefined): Record<string, unknown> {
  const s = deref(doc, schema) ?? {};
  const body: Record<string, unknown> = {};
  for (const name of s.required ?? []) body[name] = sampleValue(doc, s.properties?.[name]);
  return body;
}

/** A value of a clearly wrong JSON type for the schema (number for a string, string for a number, …). */
export function wrongTypeValue(doc: any, schema: JsonSchema | undefined): unknown {
  const s = deref(doc, schema) ?? {};
  switch (s.type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'not-a-number';
    case 'boolean':
      return 'maybe';
    case 'array':
      return 42;
    default:
      return 'not-an-object';
  }
}

/** Fill `{name}` path templates. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'SPY'));
}
