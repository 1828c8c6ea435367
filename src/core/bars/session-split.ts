import type { Bar } from './bar';
import { etDate } from '../session/et-time';
import { sessionTag, SessionTag } from '../session/session';

export interface SessionDay {
  /** ET trading date YYYY-MM-DD. */
  date: string;
  bars: Bar[];
}

/** Group intraday bars by ET trading date, oldest first. */
export function splitSessions(bars: readonly Bar[]): SessionDay[] {
  const days: SessionDay[] = [];
  for (const b of bars) {
    const d = etDate(b.time);
    const last = days[days.length - 1];
    if (last && last.date === d) last.bars.push(b);
    else days.push({ date: d, bars: [b] });
  }
  return days;
}

export function barsInSession(bars: readonly Bar[], tag: SessionTag): Bar[] {
  return bars.filter((b) => sessionTag(b.time) === tag);
}
