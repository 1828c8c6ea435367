import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCsvBars } from '../../core/bars/parse-csv-bars';
import type { DaySource } from '../../core/calibration/calibration-run';
import { daysOfMinutes } from '../../core/calibration/csv-days';

export interface ReplayDayFiles {
  files: Array<{ symbol: string; file: string; load: () => DaySource }>;
  /** Names, sizes and modification times of the files: a changed folder gives a new fingerprint. */
  fingerprint: string;
  /** Trading days over all files (known once loaded; 0 before). */
  days: number;
}

/** The replay folder's `{SYMBOL}_1m.csv` files as calibration day sources (loaded lazily, one at a time). */
export function replayDaySources(dir: string): ReplayDayFiles {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter((f) => /^[A-Za-z0-9.^$:_-]+_1m\.csv$/i.test(f));
  } catch {
    return { files: [], fingerprint: '', days: 0 };
  }
  names.sort();
  const out: ReplayDayFiles = { files: [], fingerprint: '', days: 0 };
  const parts: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const st = fs.statSync(file);
    parts.push(`${name}:${st.size}:${Math.round(st.mtimeMs)}`);
    const symbol = name.replace(/_1m\.csv$/i, '').toUpperCase();
    out.files.push({
      symbol,
      file,
      load: () => {
        const src = daysOfMinutes(symbol, 'replay', parseCsvBars(fs.readFileSync(file, 'utf8')));
        out.days += src.days.length;
        return src;
      },
    });
  }
  let h = 2166136261;
  for (const c of parts.join('|')) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  out.fingerprint = `${names.length}f-${h.toString(16)}`;
  return out;
}
