import { etDate, etLocalMs, etWallToUtc } from './et-time';
import { isEarlyClose, isTradingDay, nextTradingDay } from './nyse-calendar';

/** pre 04:00–09:30, regular 09:30–16:00 (13:00 on early closes), post until 20:00 (17:00 on early closes), else closed. */
export type SessionTag = 'pre' | 'regular' | 'post' | 'closed';

const PRE_OPEN = 4 * 60;
const OPEN = 9 * 60 + 30;
const CLOSE = 16 * 60;
const EARLY_CLOSE = 13 * 60;
const POST_CLOSE = 20 * 60;
const EARLY_POST_CLOSE = 17 * 60;

interface DayInfo {
  trading: boolean;
  close: number;
  postClose: number;
}
const dayCache = new Map<string, DayInfo>();
const dayNumberCache = new Map<number, DayInfo>();
function dayInfo(ymd: string): DayInfo {
  let info = dayCache.get(ymd);
  if (!info) {
    const early = isEarlyClose(ymd);
    info = { trading: isTradingDay(ymd), close: early ? EARLY_CLOSE : CLOSE, postClose: early ? EARLY_POST_CLOSE : POST_CLOSE };
    if (dayCache.size > 20_000) dayCache.clear();
    dayCache.set(ymd, info);
  }
  return info;
}

let lastDay = NaN;
let lastInfo: DayInfo | undefined;
function dayInfoByNumber(day: number): DayInfo {
  if (day === lastDay && lastInfo) return lastInfo;
  let info = dayNumberCache.get(day);
  if (!info) {
    info = dayInfo(new Date(day * 86_400_000).toISOString().slice(0, 10));
    if (dayNumberCache.size > 20_000) dayNumberCache.clear();
    dayNumberCache.set(day, info);
  }
  lastDay = day;
  lastInfo = info;
  return info;
}

/** Session of the bar or instant starting at utcMs (US equities, ET, holiday-aware). */
export function sessionTag(utcMs: number): SessionTag {
  if (!Number.isFinite(utcMs)) return 'closed';
  const local = etLocalMs(utcMs);
  const day = Math.floor(local / 86_400_000);
  const info = dayInfoByNumber(day);
  if (!info.trading) return 'closed';
  const m = Math.floor((local - day * 86_400_000) / 60_000);
  if (m >= OPEN && m < info.close) return 'regular';
  if (m >= PRE_OPEN && m < OPEN) return 'pre';
  if (m >= info.close && m < info.postClose) return 'post';
  return 'closed';
}

/** Regular session bounds in UTC ms, or null on a non-trading day. */
export function regularSession(ymd: string): { open: number; close: number } | null {
  const info = dayInfo(ymd);
  if (!info.trading) return null;
  return { open: etWallToUtc(ymd, 9, 30), close: etWallToUtc(ymd, Math.floor(info.close / 60), info.close % 60) };
}

export interface MarketStatus {
  status: 'pre' | 'open' | 'post' | 'closed';
  /** Next regular-session open (UTC ms) after now (today's if it is still ahead). */
  next_open: number;
  /** Close of the current regular session when open, else null. */
  next_close: number | null;
  /** Trading date in ET the status refers to. */
  date: string;
}

/**
 * The answer of the last UTC minute asked (a scan asks once per symbol). Every session boundary and
 * ET midnight falls on a whole minute, so all four fields are constant within a minute (tested against
 * the uncached function); callers get a copy.
 */
let lastStatus: { minute: number; status: MarketStatus } | null = null;

export function marketStatus(utcMs: number): MarketStatus {
  const minute = Math.floor(utcMs / 60_000);
  if (!Number.isFinite(minute)) return marketStatusUncached(utcMs);
  if (lastStatus?.minute !== minute) lastStatus = { minute, status: marketStatusUncached(utcMs) };
  return { ...lastStatus.status };
}

export function marketStatusUncached(utcMs: number): MarketStatus {
  const date = etDate(utcMs);
  const tag = sessionTag(utcMs);
  const today = regularSession(date);
  const nextOpen = today && utcMs < today.open ? today.open : regularSession(nextTradingDay(date))!.open;
  return {
    status: tag === 'regular' ? 'open' : tag,
    next_open: nextOpen,
    next_close: tag === 'regular' && today ? today.close : null,
    date,
  };
}
