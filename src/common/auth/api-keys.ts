import { createHash, timingSafeEqual } from 'node:crypto';

export type AuthResult = { ok: true; userId: string } | { ok: false; reason: 'missing' | 'invalid' };

const USER_ID = /^[A-Za-z0-9_.@-]{1,64}$/;
const digest = (s: string) => createHash('sha256').update(s).digest();

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
  for (const [key, uid] of keys) {
    if (timingSafeEqual(given, digest(key)) && user === undefined) user = uid;
  }
  if (user === undefined) return { ok: false, reason: 'invalid' };
  if (!header || header === user) return { ok: true, userId: user };
  return { ok: true, userId: user === 'anonymous' ? header : `${user}/${header}` };
}
