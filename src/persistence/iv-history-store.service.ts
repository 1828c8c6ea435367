import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../common/errors';
import { normalizeTicker, TICKER_RULE } from '../core/symbols/ticker';
import { DatabaseService } from './database.service';
import type { AtmIvPointInput, AtmIvPointRecord, IvHistoryApi } from './iv-history.types';
import { rawQuery, readJson } from './raw-query';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

interface IvRow {
  symbol: string;
  day: string;
  iv: number | string;
  source: string;
  method: string;
  expirations: unknown;
  at_close: number | string;
  recorded_at: number | string;
}

function checked(p: AtmIvPointInput, field = 'point'): Required<AtmIvPointInput> {
  const symbol = normalizeTicker(p?.symbol);
  if (!symbol) throw ValidationFailedError.field(`${field}.symbol`, TICKER_RULE);
  if (typeof p.day !== 'string' || !DAY_RE.test(p.day) || Number.isNaN(Date.parse(`${p.day}T00:00:00Z`))) throw ValidationFailedError.field(`${field}.day`, 'must be a date YYYY-MM-DD');
  if (!(typeof p.iv === 'number' && Number.isFinite(p.iv) && p.iv > 0 && p.iv <= 10)) throw ValidationFailedError.field(`${field}.iv`, 'must be a volatility fraction in (0, 10]');
  if (typeof p.source !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(p.source)) throw ValidationFailedError.field(`${field}.source`, 'must be 1–64 characters of letters, digits, _ . : -');
  if (typeof p.method !== 'string' || p.method.length < 1 || p.method.length > 24) throw ValidationFailedError.field(`${field}.method`, 'must be 1–24 characters');
  const expirations = Array.isArray(p.expirations) ? p.expirations.filter((e) => typeof e === 'string' && DAY_RE.test(e)) : [];
  return { ...p, symbol, expirations, at_close: p.at_close === true, recorded_at: Number.isInteger(p.recorded_at) ? p.recorded_at! : Date.now() };
}

const toRecord = (r: IvRow): AtmIvPointRecord => ({
  symbol: r.symbol,
  day: r.day,
  iv: Number(r.iv),
  source: r.source,
  method: r.method,
  expirations: readJson<string[]>(r.expirations),
  at_close: Number(r.at_close) === 1,
  recorded_at: Number(r.recorded_at),
});

/**
 * Daily ATM IV per (symbol, ET day) in `atm_iv_history`, and the symbols the service has analysed in
 * `iv_tracked_symbols`. Each write is one atomic upsert: a day holding a closing value keeps it (a
 * session is written once), an intraday value is replaced.
 */
@Injectable()
export class IvHistoryStore implements IvHistoryApi {
  constructor(private readonly db: DatabaseService) {}

  async record(input: AtmIvPointInput): Promise<boolean> {
    const p = checked(input);
    const rows = await rawQuery(
      this.db,
      `INSERT INTO "atm_iv_history" ("symbol", "day", "iv", "source", "method", "expirations", "at_close", "recorded_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ("symbol", "day") DO UPDATE SET "iv" = excluded."iv", "source" = excluded."source", "method" = excluded."method",
         "expirations" = excluded."expirations", "at_close" = excluded."at_close", "recorded_at" = excluded."recorded_at"
       WHERE "atm_iv_history"."at_close" = 0 RETURNING "symbol"`,
      [p.symbol, p.day, p.iv, p.source, p.method, JSON.stringify(p.expirations), p.at_close ? 1 : 0, p.recorded_at],
    );
    return rows.length === 1;
  }

  async recordMany(points: AtmIvPointInput[]): Promise<number> {
    if (!Array.isArray(points)) throw ValidationFailedError.field('points', 'must be a list');
    points.forEach((p, i) => checked(p, `points[${i}]`)); // all or nothing: refuse before writing
    let n = 0;
    for (const p of points) if (await this.record(p)) n++;
    return n;
  }

  async series(symbol: string, opts: { fromDay?: string; toDay?: string; limit?: number } = {}): Promise<AtmIvPointRecord[]> {
    const sym = normalizeTicker(symbol);
    if (!sym) throw ValidationFailedError.field('symbol', TICKER_RULE);
    const limit = opts.limit ?? 400;
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= 5000)) throw ValidationFailedError.field('limit', 'must be an integer 1–5000');
    const where = ['"symbol" = $1'];
    const params: unknown[] = [sym];
    for (const [key, op] of [
      ['fromDay', '>='],
      ['toDay', '<='],
    ] as const) {
      const v = opts[key];
      if (v === undefined) continue;
      if (!DAY_RE.test(v)) throw ValidationFailedError.field(key === 'fromDay' ? 'from' : 'to', 'must be a date YYYY-MM-DD');
      params.push(v);
      where.push(`"day" ${op} $${params.length}`);
    }
    params.push(limit);
    const rows = await rawQuery<IvRow>(this.db, `SELECT * FROM "atm_iv_history" WHERE ${where.join(' AND ')} ORDER BY "day" DESC LIMIT $${params.length}`, params);
    return rows.map(toRecord).reverse();
  }

  async track(symbol: string, atMs = Date.now()): Promise<void> {
    const sym = normalizeTicker(symbol);
    if (!sym) throw ValidationFailedError.field('symbol', TICKER_RULE);
    await rawQuery(this.db, `INSERT INTO "iv_tracked_symbols" ("symbol", "first_seen", "last_seen") VALUES ($1, $2, $3) ON CONFLICT ("symbol") DO UPDATE SET "last_seen" = excluded."last_seen"`, [
      sym,
      atMs,
      atMs,
    ]);
  }

  async tracked(): Promise<string[]> {
    // analysed = asked for a volatility block (tracked) or planned (a stored idea)
    const rows = await rawQuery<{ symbol: string }>(this.db, `SELECT "symbol" FROM "iv_tracked_symbols" UNION SELECT DISTINCT "symbol" FROM "idea_snapshots" ORDER BY "symbol"`);
    return rows.map((r) => r.symbol);
  }
}
