import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { buildEntities, Dialect } from './entities';
import { InitPostgres1764000000000, InitSqljs1764000000000 } from './migrations/1764000000000-init';

export interface DatabaseTarget {
  dialect: Dialect;
  /** Postgres URL, or the embedded store's file path. */
  location: string;
}

export function databaseTarget(databaseUrl: string | undefined, dataDir: string): DatabaseTarget {
  return databaseUrl
    ? { dialect: 'postgres', location: databaseUrl }
    : { dialect: 'sqljs', location: path.join(dataDir, 'trading-coach.sqlite') };
}

/** Write atomically (temp file + rename) so a crash mid-save never leaves a torn database file. */
function atomicWrite(file: string, data: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** A TypeORM DataSource for the target; migrations run on initialize (never `synchronize`). */
export function createDataSource(target: DatabaseTarget): DataSource {
  const entities = Object.values(buildEntities(target.dialect));
  let options: DataSourceOptions;
  if (target.dialect === 'postgres') {
    options = {
      type: 'postgres',
      url: target.location,
      entities,
      migrations: [InitPostgres1764000000000],
      migrationsRun: true,
      synchronize: false,
      connectTimeoutMS: 3000,
      extra: { max: 10, connectionTimeoutMillis: 3000, query_timeout: 10000 },
    };
  } else {
    fs.mkdirSync(path.dirname(target.location), { recursive: true });
    options = {
      type: 'sqljs',
      location: target.location,
      autoSave: true,
      autoSaveCallback: (data: Uint8Array) => atomicWrite(target.location, data),
      entities,
      migrations: [InitSqljs1764000000000],
      migrationsRun: true,
      synchronize: false,
    };
  }
  return new DataSource(options);
}
