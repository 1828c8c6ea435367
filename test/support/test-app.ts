import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Test } from '@nestjs/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap/configure-app';
import { FixedClock } from '../../src/providers/embedded';
import { CLOCK } from '../../src/providers/provider.types';

export interface TestApp {
  app: NestExpressApplication;
  /** The Node HTTP server, for supertest. */
  http: any;
  /** http://127.0.0.1:PORT */
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDataDir(prefix = 'tc-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Boot the whole app as `npm run serve` would, listening on a random loopback port, with the given
 * environment on top of a clean one (no keys: embedded providers; DATA_DIR a fresh temp folder
 * unless given). The environment is restored on close.
 */
export interface TestAppOptions {
  /** Pin the service clock (UTC ms): synthetic data and sessions become deterministic. */
  clockMs?: number;
}

export async function createTestApp(env: Record<string, string | undefined> = {}, opts: TestAppOptions = {}): Promise<TestApp> {
  const saved = { ...process.env };
  const dataDir = env.DATA_DIR ?? tempDataDir();
  const clean: Record<string, string | undefined> = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    REPLAY_CLOCK: 'end',
    NODE_ENV: 'test',
  };
  for (const k of Object.keys(process.env)) {
    if (
      /^(DATABASE_URL|DB_URL|REDIS_URL|BACKEND_API_KEYS?|POLYGON_API_KEY|MASSIVE_API_KEY|TRADIER_|FINNHUB_|TE_API_KEY|MARKET_DATA_PROVIDERS|OPTIONS_PROVIDERS|FF_|INDEX_SNIPER_MODE|PUBLIC_BASE_URL|REPLAY_|PORT)/.test(
        k,
      )
    )
      delete process.env[k];
  }
  Object.assign(process.env, clean);
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    let builder = Test.createTestingModule({ imports: [AppModule] });
    if (opts.clockMs !== undefined) builder = builder.overrideProvider(CLOCK).useValue(new FixedClock(opts.clockMs));
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    return {
      app,
      http: app.getHttpServer(),
      url: `http://127.0.0.1:${port}`,
      dataDir,
      close: async () => {
        // Like the service's own shutdown (src/bootstrap/graceful-shutdown.ts): connections still open
        // after a grace period (an SSE stream whose client vanished on a loaded machine) are closed
        // rather than holding close() until the test times out.
        const server = app.getHttpServer();
        const force = setTimeout(() => server.closeAllConnections(), 3000);
        const report = setTimeout(() => console.warn(`test app still closing after 20 s; active handles: ${activeHandles()}`), 20000);
        try {
          await app.close();
        } finally {
          clearTimeout(force);
          clearTimeout(report);
          process.env = saved;
        }
      },
    };
  } catch (err) {
    process.env = saved;
    throw err;
  }
}

/** Names of the process's active handles (a diagnostic for a close() that does not finish). */
function activeHandles(): string {
  const handles = (process as unknown as { _getActiveHandles?: () => object[] })._getActiveHandles?.() ?? [];
  return handles.map((h) => h.constructor?.name ?? typeof h).join(', ');
}
