import type { DataSource } from 'typeorm';
import type { DatabaseService } from './database.service';

/**
 * One raw SQL statement as a store call (DatabaseService.run: 503 when the database is unreachable,
 * serialised on the embedded store). `sql` is written with `$1 … $n` placeholders; on SQLite they are
 * rewritten to `?` in order, so each placeholder must appear once and in ascending order.
 */
// free-form by default: a raw SQL row before the caller names its columns
export async function rawQuery<T = Record<string, unknown>>(db: DatabaseService, sql: string, params: unknown[] = []): Promise<T[]> {
  const text = db.dialect === 'postgres' ? sql : sql.replace(/\$\d+/g, '?');
  return db.run(async (ds: DataSource) => {
    const qr = ds.createQueryRunner();
    try {
      const r = await qr.query(text, params, true);
      return (r.records ?? []) as T[];
    } finally {
      await qr.release();
    }
  });
}

/** A JSON column read back: jsonb arrives parsed on PostgreSQL, as text on SQLite. */
export const readJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
