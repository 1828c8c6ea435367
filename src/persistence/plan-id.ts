import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const ET_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });

/** `{SYMBOL}-{style}-{yyyymmdd}-{6 base32 chars}`; the date is the ET calendar date of `at`. */
export function newPlanId(symbol: string, style: string, at: Date = new Date()): string {
  const ymd = ET_DATE.format(at).replace(/-/g, '');
  const bytes = randomBytes(6);
  let suffix = '';
  for (const b of bytes) suffix += BASE32[b & 31];
  return `${symbol.toUpperCase()}-${style.toLowerCase()}-${ymd}-${suffix}`;
}

export const PLAN_ID_PATTERN = /^[A-Z0-9.^:_]{1,16}-[a-z]{3,10}-\d{8}-[a-z2-7]{6}$/;
