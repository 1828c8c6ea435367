/**
 * `npm run openapi`: regenerates docs/openapi.json, the committed API contract, from the code with the
 * fixed contract configuration (src/bootstrap/openapi-contract.ts). `npm run openapi -- --check` exits 1
 * when the committed file is out of date. docs/api-contract.md describes the workflow.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CONTRACT_ENV, CONTRACT_FILE, contractDiff, contractText } from '../src/bootstrap/openapi-contract';

async function main(): Promise<void> {
  for (const k of Object.keys(process.env)) {
    if (
      /^(DATABASE_URL|DB_URL|REDIS_URL|BACKEND_API_KEYS?|POLYGON_|MASSIVE_|TRADIER_|FINNHUB_|TE_API_KEY|MARKET_DATA_PROVIDERS|OPTIONS_PROVIDERS|FF_|PUBLIC_BASE_URL|CORS_ORIGINS|REPLAY_|PORT)/.test(k)
    )
      delete process.env[k];
  }
  Object.assign(process.env, CONTRACT_ENV, { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'tc-openapi-')), LOG_LEVEL: 'silent', CALIBRATION_ON_START: '0' });
  // imported after the environment is set: the configuration is read when the module loads
  const { AppModule } = await import('../src/app.module');
  const { configureApp } = await import('../src/bootstrap/configure-app');
  const { buildOpenApiDocument } = await import('../src/bootstrap/openapi');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: false });
  const config = configureApp(app);
  await app.init();
  const text = contractText(buildOpenApiDocument(app, config));
  await app.close();
  const file = path.resolve(__dirname, '..', CONTRACT_FILE);
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed === text) return void process.stdout.write(`${CONTRACT_FILE} is up to date\n`);
    const diff = committed ? contractDiff(JSON.parse(committed), JSON.parse(text)) : ['(no committed file)'];
    process.stderr.write(`${CONTRACT_FILE} is out of date — run npm run openapi and commit it:\n  ${diff.join('\n  ')}\n`);
    process.exit(1);
  }
  fs.writeFileSync(file, text);
  process.stdout.write(`wrote ${CONTRACT_FILE} (${text.length} bytes, ${Object.keys(JSON.parse(text).paths).length} paths)\n`);
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`openapi: ${err?.stack ?? err}\n`);
  process.exit(1);
});
