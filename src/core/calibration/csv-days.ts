/** A calibration day source from recorded 1-minute bars (e.g. a replay CSV): grouped by ET trading day. */
import type { Bar } from '../bars/bar';
import { etDate } from '../session/et-time';
import type { DaySource } from './calibration-run';

export function daysOfMinutes(symbol: string, data_source: string, minutes: readonly Bar[]): DaySource {
  const byDay = new Map<string, Bar[]>();
  for (const b of minutes) {
    const d = etDate(b.time);
    const list = byDay.get(d);
    if (list) list.push(b);
    else byDay.set(d, [b]);
  }
  const days = [...byDay.keys()].sort();
  return { symbol, data_source, days, minutes: (d) => byDay.get(d) ?? [] };
}
