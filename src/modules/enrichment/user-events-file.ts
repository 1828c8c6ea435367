/**
 * Optional user-supplied events: `DATA_DIR/events.json` (docs/enrichment.md). Read on demand, re-read
 * when the file changes; a file that does not validate is reported (reason), never half-used.
 *
 * {
 *   "macro":    [{ "event": "CPI YoY", "time": "2026-12-10T13:30:00Z", "impact": "high", "consensus": 2.9, "previous": 3.0, "unit": "%" }],
 *   "earnings": [{ "symbol": "AAPL", "date": "2026-12-09", "hour": "amc", "eps_estimate": 1.6, "revenue_estimate": 1.2e11 }]
 * }
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { EarningsEvent, MacroEvent } from '../../providers/provider.types';

export const USER_EVENTS_FILE = 'events.json';
export const USER_EVENTS_SOURCE = 'user_file';
const MAX_BYTES = 1024 * 1024;
const MAX_EVENTS = 2000;

const FileSchema = z
  .object({
    macro: z
      .array(
        z.object({
          event: z.string().min(1).max(120),
          time: z.iso.datetime({ offset: true }),
          impact: z.enum(['high', 'medium', 'low']).default('high'),
          country: z.string().max(40).default('US'),
          consensus: z.number().nullable().optional(),
          previous: z.number().nullable().optional(),
          unit: z.string().max(16).nullable().optional(),
        }),
      )
      .max(MAX_EVENTS)
      .default([]),
    earnings: z
      .array(
        z.object({
          symbol: z.string().min(1).max(16),
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
          hour: z.enum(['bmo', 'amc', 'dmh']).nullable().optional(),
          eps_estimate: z.number().nullable().optional(),
          revenue_estimate: z.number().nullable().optional(),
        }),
      )
      .max(MAX_EVENTS)
      .default([]),
  })
  .strict();

export interface UserEvents {
  macro: MacroEvent[];
  earnings: EarningsEvent[];
  /** Set when the file exists but cannot be used. */
  error: string | null;
  present: boolean;
}

const EMPTY: UserEvents = { macro: [], earnings: [], error: null, present: false };

export class UserEventsFile {
  private cached: { mtimeMs: number; size: number; value: UserEvents } | null = null;
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, USER_EVENTS_FILE);
  }

  read(): UserEvents {
    let st: fs.Stats | undefined;
    try {
      // no file is the usual case: answered without building an exception (read once per plan)
      st = fs.statSync(this.file, { throwIfNoEntry: false });
    } catch {
      return EMPTY;
    }
    if (!st) return EMPTY;
    if (this.cached && this.cached.mtimeMs === st.mtimeMs && this.cached.size === st.size) return this.cached.value;
    const value = this.parse(st.size);
    this.cached = { mtimeMs: st.mtimeMs, size: st.size, value };
    return value;
  }

  private parse(size: number): UserEvents {
    const fail = (error: string): UserEvents => ({ ...EMPTY, present: true, error: `${USER_EVENTS_FILE}: ${error}` });
    if (size > MAX_BYTES) return fail(`larger than ${MAX_BYTES} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (err) {
      return fail(`not JSON (${(err as Error).message.slice(0, 80)})`);
    }
    const r = FileSchema.safeParse(json);
    if (!r.success) {
      const i = r.error.issues[0];
      return fail(`${i.path.join('.') || '(root)'} ${i.message}`);
    }
    return {
      present: true,
      error: null,
      macro: r.data.macro.map((m) => ({
        time: new Date(m.time).toISOString(),
        country: m.country,
        event: m.event,
        importance: m.impact,
        consensus: m.consensus ?? null,
        previous: m.previous ?? null,
        actual: null,
        unit: m.unit ?? null,
      })),
      earnings: r.data.earnings.map((e) => ({
        symbol: e.symbol.toUpperCase(),
        date: e.date,
        hour: e.hour ?? null,
        eps_estimate: e.eps_estimate ?? null,
        revenue_estimate: e.revenue_estimate ?? null,
      })),
    };
  }
}
