/* eslint-disable @typescript-eslint/no-unsafe-function-type -- class-validator and reflect-metadata key their metadata by Function */
/**
 * Publishes the request validation rules in the OpenAPI document, read from the class-validator
 * decorators the global pipe enforces (so the document cannot drift from the validation): types,
 * patterns, lengths, min/max, enums, minItems/maxItems, required = not @IsOptional, and
 * additionalProperties: false (the pipe rejects unknown keys). Request DTOs are the schemas whose
 * class carries validation metadata; response DTOs have none and are left alone.
 */
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { TICKER_PATTERN } from '../core/symbols/ticker';

type Schema = Record<string, any>;

/**
 * Classes with validation metadata, by class name (the schema name @nestjs/swagger uses), plus the given
 * body classes: a subclass that adds no decorator of its own (ScenarioRequestDto extends PlanRequestDto)
 * has no entry in the storage but inherits every rule.
 */
function validatedClasses(extra: Function[]): Map<string, Function> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, unknown> };
  const out = new Map<string, Function>();
  for (const cls of storage.validationMetadatas.keys()) out.set(cls.name, cls);
  for (const cls of extra) if (!out.has(cls.name)) out.set(cls.name, cls);
  return out;
}

export function metadataOf(cls: Function): Map<string, ValidationMetadata[]> {
  const byProp = new Map<string, ValidationMetadata[]>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    byProp.set(m.propertyName, [...(byProp.get(m.propertyName) ?? []), m]);
  }
  return byProp;
}

/** Applies one rule to a (non-array) value schema. */
function applyRule(s: Schema, m: ValidationMetadata): void {
  const c = m.constraints ?? [];
  switch (m.name) {
    case 'isString':
      s.type = 'string';
      break;
    case 'isNotEmpty':
      if (s.type === 'string') s.minLength = Math.max(s.minLength ?? 0, 1);
      break;
    case 'maxLength':
      s.maxLength = Math.min(s.maxLength ?? Infinity, Number(c[0]));
      break;
    case 'minLength':
      s.minLength = Math.max(s.minLength ?? 0, Number(c[0]));
      break;
    case 'matches':
      // JavaScript's \d is ASCII only; a schema reader's (Python's, for one) is any Unicode digit: say [0-9]
      if (c[0] instanceof RegExp && !c[0].flags.includes('i')) s.pattern = asciiDigits(c[0].source);
      break;
    case 'isTicker':
      s.type = 'string';
      s.pattern = TICKER_PATTERN;
      break;
    case 'isInt':
      s.type = 'integer';
      break;
    case 'isNumber':
      if (s.type !== 'integer') s.type = 'number';
      break;
    case 'min':
      s.minimum = Number(c[0]);
      break;
    case 'max':
      s.maximum = Number(c[0]);
      break;
    case 'isPositive':
      if (s.minimum === undefined || s.minimum <= 0) {
        s.minimum = 0;
        s.exclusiveMinimum = true;
      }
      break;
    case 'isBoolean':
      s.type = 'boolean';
      break;
    case 'isIn':
      s.enum = [...(c[0] as unknown[])];
      break;
    case 'isObject':
      s.type = 'object';
      break;
  }
}

function applyArrayRule(s: Schema, m: ValidationMetadata): void {
  const c = m.constraints ?? [];
  if (m.name === 'isArray') s.type = 'array';
  else if (m.name === 'arrayMinSize') s.minItems = Number(c[0]);
  else if (m.name === 'arrayNotEmpty') s.minItems = Math.max(s.minItems ?? 0, 1);
  else if (m.name === 'arrayMaxSize') s.maxItems = Number(c[0]);
}

/** The value schema a rule applies to: the items of an array for `each` rules, else the property itself. */
function patchProperty(prop: Schema, metas: ValidationMetadata[]): void {
  // a list-or-string field (oneOf): the array rules describe its array form; the string form carries its own pattern
  const arrayForm = Array.isArray(prop.oneOf) ? prop.oneOf.find((x: Schema) => x.type === 'array') : undefined;
  if (arrayForm) return patchProperty(arrayForm, metas);
  for (const m of metas) {
    if (m.type !== 'customValidation' || !m.name) continue;
    if (m.each) {
      prop.items = prop.items ?? {};
      applyRule(prop.items, m);
    } else if (['isArray', 'arrayMinSize', 'arrayMaxSize', 'arrayNotEmpty'].includes(m.name)) applyArrayRule(prop, m);
    else if (prop.type === 'array' && prop.items && !prop.items.$ref) applyRule(prop.items, m);
    else if (!prop.$ref && !prop.allOf) applyRule(prop, m);
  }
  if (prop.enum && prop.type === undefined) prop.type = typeof prop.enum[0] === 'number' ? 'number' : 'string';
}

/**
 * A request field's default goes into its description, not `default`: generators (openapi-typescript)
 * turn a `default` into a required property, so a client could not leave the field out.
 */
function defaultIntoDescription(s: Schema): void {
  if (s.default === undefined) return;
  const note = `Default ${JSON.stringify(s.default)}.`;
  s.description = s.description ? (s.description.includes(note) ? s.description : `${s.description} ${note}`) : note;
  delete s.default;
}

const isOptional = (metas: ValidationMetadata[]) => metas.some((m) => m.type === 'conditionalValidation');

/** Patches every request schema of `doc.components.schemas` in place. */
export function applyValidationRules(doc: { components?: { schemas?: Record<string, Schema> } }, bodyClasses: Function[] = []): void {
  const classes = validatedClasses(bodyClasses);
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    const cls = classes.get(name);
    if (!cls || !schema.properties) continue;
    const rules = metadataOf(cls);
    const required: string[] = [];
    for (const [prop, propSchema] of Object.entries<Schema>(schema.properties)) {
      const metas = rules.get(prop) ?? [];
      patchProperty(propSchema, metas);
      defaultIntoDescription(propSchema);
      if (!isOptional(metas) && metas.length) required.push(prop);
    }
    if (required.length) schema.required = required.sort();
    else delete schema.required;
    schema.additionalProperties = false;
  }
}

/** The same rules for query parameters built from a DTO class (the generator inlines those). */
export function applyQueryRules(params: Array<Schema>, cls: Function): void {
  const rules = metadataOf(cls);
  for (const p of params) {
    if (p.in !== 'query') continue;
    const metas = rules.get(p.name);
    if (!metas) continue;
    p.schema = p.schema ?? {};
    patchProperty(p.schema, metas);
    p.required = !isOptional(metas);
  }
}

/** `\d` → `[0-9]` outside character classes, `0-9` inside them (the server's regexes are ASCII-only). */
export function asciiDigits(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[i + 1];
      out += next === 'd' ? (inClass ? '0-9' : '[0-9]') : ch + next;
      i++;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    out += ch;
  }
  return out;
}
