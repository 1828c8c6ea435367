import * as crypto from 'node:crypto';
import { timingSafeEqual } from 'node:crypto';

export type AuthResult = { ok: true; userId: string } | { ok: false; reason: 'missing' | 'invalid' };

const USER_ID = /^[A-Za-z0-9_.@-]{1,64}$/;
/** SHA-256 of a key (one-shot `crypto.hash` where Node has it: no Hash object per call). */
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: 'buffer') => Buffer }).hash;
const digest = (s: string): Buffer => (oneShot ? oneShot('sha256', s, 'buffer') : crypto.createHash('sha256').update(s).digest());

/** The configured keys' digests, computed once per keys map (the map is the config's, fixed at start-up). */
const keyDigests = new WeakMap<ReadonlyMap<string, string>, ReadonlyArray<readonly [Buffer, string]>>();
function digestsOf(keys: ReadonlyMap<string, string>): ReadonlyArray<readonly [Buffer, string]> {
  let d = keyDigests.get(keys);
  if (!d) keyDigests.set(keys, (d = [...keys].map(([key, uid]) => [digest(key), uid] as const)));
  return d;
}

/**
 * Resolve the caller from the Authorization header and X-User-Id.
 * - Auth off: user = X-User-Id or "anonymous".
 * - Key compare is constant-time (fixed-length digests, every key compared).
 * - A key mapped to a user (BACKEND_API_KEYS) fixes the user; X-User-Id can only narrow it to a
 *   sub-scope "user/sub" — never switch to another user. The single BACKEND_API_KEY is the
 *   anonymous scope: X-User-Id then names the user (the coach UI's per-user scoping).
 */
export function resolveCaller(keys: ReadonlyMap<string, string>, authorization: string | undefined, xUserId: string | undefined): AuthResult {
  const header = typeof xUserId === 'string' && USER_ID.test(xUserId.trim()) ? xUserId.trim() : undefined;
  if (keys.size === 0) return { ok: true, userId: header ?? 'anonymous' };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) return { ok: false, reason: 'missing' };
  const given = digest(m[1]);
  let user: string | undefined;
  for (const [d, uid] of digestsOf(keys)) {
    if (timingSafeEqual(given, d) && user === undefined) user = uid;
  }
  if (user === undefined) return { ok: false, reason: 'invalid' };
  if (!header || header === user) return { ok: true, userId: user };
  return { ok: true, userId: user === 'anonymous' ? header : `${user}/${header}` };
}
