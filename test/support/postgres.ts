import { Client } from 'pg';
import { realPart } from './real-parts';

/**
 * Postgres for persistence tests. CI (`.ci/run`) starts a real server on loopback and exports
 * TEST_DATABASE_URL; each suite gets its own fresh database so suites never share state.
 * Outside CI without TEST_DATABASE_URL the Postgres cases are not run (and the suite says so);
 * in CI its absence is an error.
 */
export function postgresAdminUrl(): string | undefined {
  return realPart('PostgreSQL', 'TEST_DATABASE_URL', 'PostgreSQL cases');
}

export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tc_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The persistence targets every storage test runs against. */
export function storageTargets(): Array<'embedded' | 'postgres'> {
  return postgresAdminUrl() ? ['embedded', 'postgres'] : ['embedded'];
}

/**
 * Per-suite environment for a storage target: a fresh DATA_DIR, plus a fresh Postgres database for
 * `postgres` (dropped by `cleanup`). Call in beforeAll / afterAll.
 */
export async function storageEnv(target: 'embedded' | 'postgres', dataDir: string): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const env: Record<string, string> = { DATA_DIR: dataDir };
  if (target !== 'postgres') return { env, cleanup: async () => undefined };
  const db = await createTestDatabase(postgresAdminUrl()!);
  env.DATABASE_URL = db.url;
  return { env, cleanup: db.drop };
}
