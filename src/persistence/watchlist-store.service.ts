import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { normalizeWatchlistName, normalizeWatchlistTickers, WATCHLIST_NAME_RULE } from '../core/symbols/watchlist-rules';
import { DatabaseService } from './database.service';
import { rawQuery, readJson } from './raw-query';
import type { WatchlistApi, WatchlistRecord } from './watchlist.types';

interface Row {
  name: string;
  tickers: unknown;
  created_at: number | string;
  updated_at: number | string;
}

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();
const toRecord = (r: Row): WatchlistRecord => ({ name: r.name, tickers: readJson<string[]>(r.tickers), created_at: iso(r.created_at), updated_at: iso(r.updated_at) });

function nameOrFail(raw: string): string {
  const n = normalizeWatchlistName(raw);
  if (!n) throw ValidationFailedError.field('name', WATCHLIST_NAME_RULE);
  return n;
}

/**
 * `watchlists(user_id, name, tickers, created_at, updated_at)`, unique on (user_id, name). Every read and
 * write is scoped by user id; a put is one atomic upsert.
 */
@Injectable()
export class WatchlistStore implements WatchlistApi {
  constructor(private readonly db: DatabaseService) {}

  async get(userId: string, name: string): Promise<WatchlistRecord> {
    const n = nameOrFail(name);
    const rows = await rawQuery<Row>(this.db, `SELECT "name", "tickers", "created_at", "updated_at" FROM "watchlists" WHERE "user_id" = $1 AND "name" = $2`, [userId, n]);
    if (!rows.length) throw new NotFoundError(`unknown watchlist ${n}`);
    return toRecord(rows[0]);
  }

  async put(userId: string, name: string, tickers: unknown): Promise<WatchlistRecord & { created: boolean }> {
    const n = nameOrFail(name);
    const t = normalizeWatchlistTickers(tickers);
    if (!t.ok) throw new ValidationFailedError(t.problems);
    const now = Date.now();
    // whether the list existed only feeds the 201/200 distinction; the write itself is one atomic upsert
    const before = await rawQuery(this.db, `SELECT 1 AS "x" FROM "watchlists" WHERE "user_id" = $1 AND "name" = $2`, [userId, n]);
    const rows = await rawQuery<Row>(
      this.db,
      `INSERT INTO "watchlists" ("user_id", "name", "tickers", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("user_id", "name") DO UPDATE SET "tickers" = excluded."tickers", "updated_at" = excluded."updated_at"
       RETURNING "name", "tickers", "created_at", "updated_at"`,
      [userId, n, JSON.stringify(t.tickers), now, now],
    );
    const r = rows[0];
    return { ...toRecord(r), created: before.length === 0 };
  }

  async delete(userId: string, name: string): Promise<void> {
    const n = nameOrFail(name);
    const rows = await rawQuery(this.db, `DELETE FROM "watchlists" WHERE "user_id" = $1 AND "name" = $2 RETURNING "name"`, [userId, n]);
    if (!rows.length) throw new NotFoundError(`unknown watchlist ${n}`);
  }

  async list(userId: string): Promise<Array<{ name: string; count: number; updated_at: string }>> {
    const rows = await rawQuery<Row>(this.db, `SELECT "name", "tickers", "created_at", "updated_at" FROM "watchlists" WHERE "user_id" = $1 ORDER BY "name"`, [userId]);
    return rows.map((r) => ({ name: r.name, count: readJson<string[]>(r.tickers).length, updated_at: iso(r.updated_at) }));
  }

  async allTickers(): Promise<string[]> {
    const rows = await rawQuery<{ tickers: unknown }>(this.db, `SELECT "tickers" FROM "watchlists"`);
    return [...new Set(rows.flatMap((r) => readJson<string[]>(r.tickers)))].sort();
  }
}
