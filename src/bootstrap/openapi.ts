import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '../config/app-config';
import { makeExact } from './openapi-exact';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require('../../package.json').version;

/** Recursively sort object keys so the document is byte-stable between builds. */
function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        // free-form: any JSON node of the OpenAPI document
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    ) as T;
  }
  return value;
}

export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Trading Coach API')
    .setDescription(
      'Grounded market numbers for a trading-coach GPT: bars and indicators, trade plans from strategy playbooks, ' +
        'volatility regime, ranked option contracts, chart links and live plan tracking. Every payload states its ' +
        'data_source and as_of; synthetic or replayed data is labelled and never presented as live.',
    )
    .setVersion(VERSION)
    .addServer(config.publicBaseUrl)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'An API key: BACKEND_API_KEY, or a key of BACKEND_API_KEYS (not a JWT).' });
  const doc = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
  if (config.auth.enabled) doc.security = [{ bearer: [] }];
  makeExact(app, doc as never);
  return sortKeys(doc);
}

/** Serves the document at /openapi.json and a browsable UI at /docs. */
export function setupOpenApi(app: INestApplication, config: AppConfig): OpenAPIObject {
  const doc = buildOpenApiDocument(app, config);
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
  return doc;
}
