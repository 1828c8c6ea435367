/* eslint-disable @typescript-eslint/no-unsafe-function-type -- class-validator and reflect-metadata key their metadata by Function */
/**
 * Makes the generated OpenAPI document exact (docs/api-contract.md): every status a route can return,
 * with the shared error schema; validation rules of query, path and body parameters; a response
 * schema on the operations the generator leaves bare (liveness, SSE, the /tv-api datafeed).
 */
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { TICKER_CORE } from '../core/symbols/ticker';
import { WATCHLIST_NAME_PATTERN } from '../core/symbols/watchlist-rules';
import { CHART_URL_REQUEST_SCHEMA } from '../modules/charts/chart-url.schema';
import { applyQueryRules, applyValidationRules } from './openapi-rules';

type Schema = Record<string, any>;
type Operation = { operationId?: string; parameters?: Schema[]; requestBody?: unknown; responses: Record<string, Schema>; security?: unknown[] };

export const ERROR_SCHEMA = 'ErrorResponse';

const errorSchema: Schema = {
  type: 'object',
  description: 'Every error: a machine-readable code (error = code), a message, and for 400 the field problems in details.',
  required: ['error', 'code', 'message'],
  properties: {
    error: { type: 'string', example: 'validation_failed' },
    code: { type: 'string', example: 'validation_failed' },
    message: { type: 'string' },
    details: { description: '400: [{field, message}]; 502/503: {attempts: [{provider, error}]}; else absent or free-form.' },
    request_id: { type: 'string', description: 'X-Request-Id of the request; quote it when reporting a problem.' },
  },
};

const REASONS: Record<string, string> = {
  '400': 'Invalid input (details names each field and what is wrong), or a malformed HTTP request.',
  '401': 'Missing or wrong Bearer API key.',
  '404': 'Not found (also for other users’ plans).',
  '409': 'Conflicts with the current state (e.g. adopting a live plan).',
  '413': 'Request body too large.',
  '415': 'Request body is not JSON: send Content-Type: application/json.',
  '422':
    'Every field fits the schema, but together they cannot be served (fields that contradict each other, an impossible date, a cursor that is not a page of this query); details names each field.',
  '429': 'Rate limit of public routes exceeded; retry after the Retry-After seconds.',
  '500': 'Stored snapshot no longer readable, or an internal error (quote request_id).',
  '502': 'Every data provider answered badly and no cached value was usable.',
  '503': 'Data providers unavailable (circuit open, timeout, rate limit) or not ready.',
};

/** Extra statuses some operations return beyond the ones derived from their shape. */
const EXTRA: Record<string, string[]> = {
  adoptScenarioPlan: ['409'],
  getIdea: ['500'],
  getIdeaVersion: ['500'],
  getChartLayers: ['404', '500'],
  getContracts: ['404', '422'], // plan_id of another user or unknown; min above max, a plan without direction
  healthReady: ['503'],
  streamSymbol: ['503'],
  getWatchlist: ['404'], // unknown, or another user's
  deleteWatchlist: ['404'],
  getChartUrl: ['422'], // price order, plan_version vs version
  // 404: a watchlist:<name> the caller does not have; 422: a cursor that is no page, TOP<k> out of 1–250,
  // an expansion over 500 tickers, as_of in the future, before 1998 or not a calendar day
  scanUniverse: ['404', '422'],
  getPlan: ['422'], // as_of
  createScenarioPlan: ['422'],
  listIdeas: ['422'], // from after to, not a calendar day, a cursor that is no page
};

/** Operations that read market data from providers (502/503 when every provider fails). */
const USES_PROVIDERS = new Set(['getPlan', 'createScenarioPlan', 'scanUniverse', 'getContext', 'getMultiContext', 'getContracts', 'tvBars', 'tvStudies']);

const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: 'object', properties, required });
const num = { type: 'number' };
const nums = { type: 'array', items: num };
const provenance = { data_source: { type: 'string' }, as_of: { type: 'string', nullable: true }, stale: { type: 'boolean' } };

/** Response bodies the generator cannot infer (untyped controller returns). */
const BODIES: Record<string, { type: string; schema: Schema; description: string }> = {
  healthLive: { type: 'application/json', description: 'The process is up.', schema: obj({ status: { type: 'string', enum: ['ok'] }, uptime_s: { type: 'integer' } }) },
  streamSymbol: {
    type: 'text/event-stream',
    description: 'An endless Server-Sent Events stream; each `data:` line is JSON {symbol, event, …} with event bar, tick, market_status or heartbeat.',
    schema: { type: 'string', description: 'text/event-stream frames (never ends; clients reconnect).' },
  },
  tvConfig: {
    type: 'application/json',
    description: 'UDF configuration.',
    schema: obj({
      supports_search: { type: 'boolean' },
      supports_group_request: { type: 'boolean' },
      supports_marks: { type: 'boolean' },
      supports_timescale_marks: { type: 'boolean' },
      supports_time: { type: 'boolean' },
      supported_resolutions: { type: 'array', items: { type: 'string' } },
      exchanges: { type: 'array', items: obj({ value: { type: 'string' }, name: { type: 'string' }, desc: { type: 'string' } }) },
      symbols_types: { type: 'array', items: obj({ name: { type: 'string' }, value: { type: 'string' } }) },
      data_source: { type: 'string' },
    }),
  },
  tvTime: { type: 'application/json', description: 'Service clock.', schema: obj({ time: { type: 'integer' }, as_of: { type: 'string' }, data_source: { type: 'string' } }) },
  tvSymbol: {
    type: 'application/json',
    description: 'UDF symbol info.',
    schema: {
      type: 'object',
      required: ['name', 'ticker', 'session', 'timezone', 'pricescale', 'supported_resolutions', 'data_source'],
      properties: {
        name: { type: 'string' },
        ticker: { type: 'string' },
        description: { type: 'string' },
        type: { type: 'string' },
        session: { type: 'string' },
        timezone: { type: 'string' },
        exchange: { type: 'string' },
        minmov: { type: 'number' },
        pricescale: { type: 'number' },
        has_intraday: { type: 'boolean' },
        has_no_volume: { type: 'boolean' },
        has_weekly_and_monthly: { type: 'boolean' },
        supported_resolutions: { type: 'array', items: { type: 'string' } },
        volume_precision: { type: 'integer' },
        data_source: { type: 'string' },
      },
    },
  },
  tvBars: {
    type: 'application/json',
    description: 'UDF bars {s, t, o, h, l, c, v} (t = bar start, epoch seconds), or s "no_data" without arrays; with provenance.',
    schema: {
      type: 'object',
      required: ['s', 'symbol', 'interval', 'data_source', 'stale'],
      properties: {
        s: { type: 'string', enum: ['ok', 'no_data'] },
        t: nums,
        o: nums,
        h: nums,
        l: nums,
        c: nums,
        v: nums,
        nextTime: num,
        symbol: { type: 'string' },
        interval: { type: 'string' },
        ...provenance,
      },
    },
  },
  tvStudies: {
    type: 'application/json',
    description: 'EMA, session VWAP and anchored VWAP series ({time, value} points) over the bars of /tv-api/bars.',
    schema: {
      type: 'object',
      required: ['s', 'symbol', 'interval', 'bars', 'data_source', 'stale'],
      additionalProperties: true,
      properties: { s: { type: 'string', enum: ['ok', 'no_data'] }, symbol: { type: 'string' }, interval: { type: 'string' }, bars: { type: 'integer' }, ...provenance },
    },
  },
};

/** Request bodies read by their own parser (not the global pipe), with their schema written beside the parser. */
const REPLACED_SCHEMAS: Record<string, Schema> = { ChartUrlRequestDto: CHART_URL_REQUEST_SCHEMA };

/** Cross-field rules of request bodies that JSON Schema can state. */
const SCHEMA_RULES: Record<string, Schema> = {
  // side, or bias, or a plan_id whose direction gives it
  ContractsRequestDto: { anyOf: [{ required: ['side'] }, { required: ['bias'] }, { required: ['plan_id'] }] },
};

/**
 * `anyOf` alternatives of required fields, each branch written out as the whole object schema with its
 * own required list: a generator that draws from one branch alone (Schemathesis' coverage phase does)
 * then still sees every property's type and the fields every branch requires.
 */
function withAlternatives(schema: Schema, rule: Schema): Schema {
  const alternatives = (rule.anyOf ?? []) as Array<{ required: string[] }>;
  const { required = [], description: _description, ...rest } = schema as { required?: string[]; description?: string };
  return { ...schema, anyOf: alternatives.map((a) => ({ ...rest, required: [...new Set([...required, ...a.required])].sort() })) };
}

/** Path parameter rules enforced by the controllers (not by a DTO). */
function pathParamSchema(name: string, operationId: string): Schema | undefined {
  // a path segment carries no surrounding whitespace (pathTickerOrFail)
  if (name === 'symbol') return { type: 'string', pattern: `^${TICKER_CORE}$` };
  if (name === 'name' && operationId.includes('Watchlist')) return { type: 'string', pattern: WATCHLIST_NAME_PATTERN };
  if (name === 'version') return { type: 'integer', minimum: 1, maximum: 1_000_000 };
  if (name === 'plan_id' && operationId === 'adoptScenarioPlan') return { type: 'string', pattern: '^[A-Z0-9.:-]+-(scalp|intraday|swing|leaps)-[0-9]{8}-[a-z2-7]{6}$' };
  if (name === 'plan_id') return { type: 'string', pattern: '^[A-Za-z0-9.^:_-]{3,100}$' };
  return undefined;
}

/** operationId → query DTO class, and every body DTO class, from the controllers' @Query()/@Body() parameter types. */
function routeDtos(app: INestApplication): { queries: Map<string, Function>; bodies: Function[] } {
  const queries = new Map<string, Function>();
  const bodies = new Set<Function>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as Function | undefined;
      if (!cls?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(cls.prototype)) {
        const handler = cls.prototype[method];
        const op = typeof handler === 'function' ? Reflect.getMetadata('swagger/apiOperation', handler) : undefined;
        const args: Record<string, { index: number; data?: unknown }> = Reflect.getMetadata('__routeArguments__', cls, method) ?? {};
        const types: Function[] = Reflect.getMetadata('design:paramtypes', cls.prototype, method) ?? [];
        for (const [key, a] of Object.entries(args)) {
          const kind = key.split(':')[0];
          const type = types[a.index];
          // RouteParamtypes.BODY = 3, QUERY = 4; a whole-object @Query() (no data) is the query DTO
          if (kind === '3' && a.data === undefined && type && type !== Object) bodies.add(type);
          if (kind === '4' && a.data === undefined && op?.operationId && type) queries.set(op.operationId, type);
        }
      }
    }
  }
  return { queries, bodies: [...bodies] };
}

const errorRef = { $ref: `#/components/schemas/${ERROR_SCHEMA}` };

/**
 * Query and path values arrive as text, so a number sent for a string parameter reads as its digits: a
 * parameter whose text form accepts digits ("5", "1700000000") is published with that number form too,
 * and one that is a number (epoch times) as a number. Otherwise a client's 5 for `interval` would be
 * "wrong type" by the document yet served, and the document would not say what the server does.
 */
const MINUTES = { type: 'integer', enum: [1, 3, 5, 15, 30, 60, 240] };
const EPOCH_NUMBER = { type: 'number', minimum: 0, description: 'Epoch seconds, or milliseconds when > 1e10.' };
const withNumber = (p: Schema, n: Schema) => {
  const { description, example, ...text } = p.schema ?? {};
  p.schema = { ...(description ? { description } : {}), ...(example !== undefined ? { example } : {}), anyOf: [text, n] };
};
const PARAM_FORMS: Record<string, Record<string, (p: Schema) => void>> = {
  getContext: { interval: (p) => withNumber(p, MINUTES) },
  tvBars: { resolution: (p) => withNumber(p, MINUTES), from: (p) => (p.schema = EPOCH_NUMBER), to: (p) => (p.schema = EPOCH_NUMBER) },
  tvStudies: {
    resolution: (p) => withNumber(p, MINUTES),
    from: (p) => (p.schema = EPOCH_NUMBER),
    to: (p) => (p.schema = EPOCH_NUMBER),
    ema: (p) => withNumber(p, { type: 'integer', minimum: 1, maximum: 400 }),
    anchors: (p) => withNumber(p, EPOCH_NUMBER),
  },
};

export function makeExact(app: INestApplication, doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } }): void {
  doc.components = doc.components ?? {};
  doc.components.schemas = doc.components.schemas ?? {};
  const { queries, bodies } = routeDtos(app);
  applyValidationRules(doc, bodies);
  for (const [name, rule] of Object.entries(SCHEMA_RULES)) if (doc.components.schemas[name]) doc.components.schemas[name] = withAlternatives(doc.components.schemas[name], rule);
  for (const [name, schema] of Object.entries(REPLACED_SCHEMAS)) if (doc.components.schemas[name]) doc.components.schemas[name] = structuredClone(schema);
  doc.components.schemas[ERROR_SCHEMA] = errorSchema;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const op of Object.values(item)) {
      const id = op.operationId ?? '';
      const params = op.parameters ?? [];
      const dto = queries.get(id);
      if (dto) applyQueryRules(params, dto);
      for (const p of params) {
        if (p.in !== 'path') continue;
        const s = pathParamSchema(p.name, id);
        if (s) p.schema = { ...s, ...(p.schema?.example !== undefined ? { example: p.schema.example } : {}) };
      }
      for (const p of params) PARAM_FORMS[id]?.[p.name]?.(p);
      const body = BODIES[id];
      if (body) op.responses['200'] = { description: body.description, content: { [body.type]: { schema: body.schema } } };
      const keyed = Array.isArray(op.security) && op.security.length > 0;
      const statuses = new Set<string>(EXTRA[id] ?? []);
      statuses.add('400'); // any request: bad input, or a request Node's HTTP parser refuses (bad header bytes)
      if (keyed) statuses.add('401');
      else {
        op.security = []; // public: overrides the document-wide bearer requirement
        if (!path.startsWith('/health/')) statuses.add('429');
      }
      if (/\{plan_id\}/.test(path)) statuses.add('404');
      if (op.requestBody) ['413', '415'].forEach((s) => statuses.add(s));
      if (USES_PROVIDERS.has(id)) ['502', '503'].forEach((s) => statuses.add(s));
      // every error goes through the one exception filter, so every error body is ErrorResponse
      for (const s of statuses) op.responses[s] = { description: op.responses[s]?.description || REASONS[s], content: { 'application/json': { schema: errorRef } } };
    }
  }
}
