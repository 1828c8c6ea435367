/**
 * Timeouts and durability settings of the persistence layer, read from the environment (all optional).
 * They live here rather than in AppConfig because only the persistence layer uses them.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | DB_OPERATION_TIMEOUT_MS | 1000 | PostgreSQL: a store call (one query or one transaction) still running after this, while no other store call finished for as long either (a frozen server, not a busy one), answers 503 `database_unavailable` |
 * | DB_CONNECT_TIMEOUT_MS | 5000 | PostgreSQL: pool `connectionTimeoutMillis` (new connection or waiting for a free one) |
 * | DB_STATEMENT_TIMEOUT_MS | 5000 | PostgreSQL: server `statement_timeout` and client `query_timeout` (frees connections stuck on a frozen server) |
 * | DB_POOL_MAX | 10 | PostgreSQL: pool size |
 * | SQLITE_SYNCHRONOUS | FULL | embedded store: `FULL` (fsync of the WAL on every commit: an acknowledged plan survives power loss) or `NORMAL` |
 * | SQLITE_BUSY_TIMEOUT_MS | 1500 | embedded store: how long a write waits for another process's lock before 503 |
 */
export interface DatabaseSettings {
  operationTimeoutMs: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  poolMax: number;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  sqliteBusyTimeoutMs: number;
}

export class DatabaseSettingsError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new DatabaseSettingsError(`${name} must be an integer between ${min} and ${max} (got ${JSON.stringify(raw.slice(0, 40))})`);
  }
  return n;
}

export function databaseSettings(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const sync = (env.SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL') {
    throw new DatabaseSettingsError(`SQLITE_SYNCHRONOUS must be FULL or NORMAL (got ${JSON.stringify(String(env.SQLITE_SYNCHRONOUS).slice(0, 40))})`);
  }
  return {
    operationTimeoutMs: int(env, 'DB_OPERATION_TIMEOUT_MS', 1000, 50, 600_000),
    connectTimeoutMs: int(env, 'DB_CONNECT_TIMEOUT_MS', 5000, 50, 600_000),
    statementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 5000, 50, 3_600_000),
    poolMax: int(env, 'DB_POOL_MAX', 10, 1, 1000),
    sqliteSynchronous: sync,
    sqliteBusyTimeoutMs: int(env, 'SQLITE_BUSY_TIMEOUT_MS', 1500, 0, 600_000),
  };
}
