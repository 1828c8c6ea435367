import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseSettings } from './database-settings';
import { buildEntities, Dialect } from './entities';
import { postgresMigrations, sqliteMigrations } from './migrations';

export interface DatabaseTarget {
  dialect: Dialect;
  /** Postgres URL, or the embedded store's file path. */
  location: string;
}

/**
 * The embedded store's file. `trading-coach.db` (better-sqlite3, WAL); the former sql.js file
 * `trading-coach.sqlite` is not read (see docs/persistence.md, "Upgrading from the sql.js store").
 */
export const EMBEDDED_FILE = 'trading-coach.db';

export function databaseTarget(databaseUrl: string | undefined, dataDir: string): DatabaseTarget {
  return databaseUrl ? { dialect: 'postgres', location: databaseUrl } : { dialect: 'sqlite', location: path.join(dataDir, EMBEDDED_FILE) };
}

/** A TypeORM DataSource for the target; migrations run on initialize (never `synchronize`). */
export function createDataSource(target: DatabaseTarget, s: DatabaseSettings): DataSource {
  const entities = Object.values(buildEntities(target.dialect));
  let options: DataSourceOptions;
  if (target.dialect === 'postgres') {
    options = {
      type: 'postgres',
      url: target.location,
      entities,
      migrations: postgresMigrations,
      migrationsRun: true,
      synchronize: false,
      connectTimeoutMS: s.connectTimeoutMs,
      extra: {
        max: s.poolMax,
        connectionTimeoutMillis: s.connectTimeoutMs,
        // server side: a statement running longer is cancelled (57014); client side: a frozen server
        // that never answers releases the waiting query with an error
        statement_timeout: s.statementTimeoutMs,
        query_timeout: s.statementTimeoutMs,
        keepAlive: true,
      },
    };
  } else {
    fs.mkdirSync(path.dirname(target.location), { recursive: true });
    options = {
      type: 'better-sqlite3',
      database: target.location,
      entities,
      migrations: sqliteMigrations,
      migrationsRun: true,
      synchronize: false,
      // better-sqlite3's busy timeout: how long a statement waits for another connection's lock
      timeout: s.sqliteBusyTimeoutMs,
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma(`synchronous = ${s.sqliteSynchronous}`);
      },
    };
  }
  return new DataSource(options);
}
