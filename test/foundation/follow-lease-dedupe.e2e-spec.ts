/**
 * Two instances on one store (issue 13 item 11): one follower per plan (lease), and a bar's delta is
 * stored once per (plan, plan version, bar, reason) however often and by whomever it is appended.
 * Two app instances share one PostgreSQL database, or one embedded SQLite file (two connections).
 */
import { DatabaseService } from '../../src/persistence/database.service';
import { FOLLOW_LEASES, FollowLeaseApi } from '../../src/persistence/follow-lease.types';
import { IDEA_STORE, IdeaStoreApi } from '../../src/persistence/idea-store.types';
import { storageEnv, storageTargets } from '../support/postgres';
import { createTestApp, tempDataDir, TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const T = Date.UTC(2024, 5, 12, 14, 31);

describe.each(storageTargets())('two instances on one %s store', (target) => {
  let cleanup: () => Promise<void> = async () => undefined;
  let a: TestApp;
  let b: TestApp;
  const leases = (t: TestApp) => t.app.get<FollowLeaseApi>(FOLLOW_LEASES);
  const store = (t: TestApp) => t.app.get<IdeaStoreApi>(IDEA_STORE);

  beforeAll(async () => {
    let env: Record<string, string>;
    ({ env, cleanup } = await storageEnv(target, tempDataDir()));
    a = await createTestApp(env);
    b = await createTestApp(env);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await cleanup();
  });

  it('a follow lease has one holder; others get it after release or expiry, never while it is held', async () => {
    const plan = `LEASE-${target}-${Date.now()}`;
    expect(await leases(a).acquireFollowLease(plan, 'A', 60_000)).toBe(true);
    expect(await leases(b).acquireFollowLease(plan, 'B', 60_000)).toBe(false);
    expect(await leases(b).followLeaseHolder(plan)).toBe('A');
    expect(await leases(a).acquireFollowLease(plan, 'A', 60_000)).toBe(true); // its own: re-acquire = renew
    expect(await leases(b).renewFollowLease(plan, 'B', 60_000)).toBe(false);
    expect(await leases(a).renewFollowLease(plan, 'A', 60_000)).toBe(true);
    await leases(b).releaseFollowLease(plan, 'B'); // not the holder: no effect
    expect(await leases(a).followLeaseHolder(plan)).toBe('A');
    await leases(a).releaseFollowLease(plan, 'A');
    expect(await leases(a).followLeaseHolder(plan)).toBeNull();
    expect(await leases(b).acquireFollowLease(plan, 'B', 300)).toBe(true);
    expect(await leases(a).acquireFollowLease(plan, 'A', 60_000)).toBe(false);
    await sleep(450); // B died without releasing: its lease expires and A takes over
    expect(await leases(a).followLeaseHolder(plan)).toBeNull();
    expect(await leases(a).acquireFollowLease(plan, 'A', 60_000)).toBe(true);
    expect(await leases(b).renewFollowLease(plan, 'B', 60_000)).toBe(false); // B is told it lost the lease
    expect(await leases(b).followLeaseHolder(plan)).toBe('A');
  });

  it('concurrent acquires from both instances: exactly one instance wins', async () => {
    const plan = `RACE-${target}-${Date.now()}`;
    const tries = Array.from({ length: 12 }, (_, i) =>
      i % 2
        ? leases(b)
            .acquireFollowLease(plan, 'B', 60_000)
            .then((ok) => ok && 'B')
        : leases(a)
            .acquireFollowLease(plan, 'A', 60_000)
            .then((ok) => ok && 'A'),
    );
    const winners = new Set((await Promise.all(tries)).filter(Boolean));
    expect(winners.size).toBe(1);
    expect(await leases(a).followLeaseHolder(plan)).toBe([...winners][0]);
  });

  it('rejects bad lease arguments with a 400-class error naming the field', async () => {
    await expect(leases(a).acquireFollowLease('', 'A', 1000)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/plan_id/) });
    await expect(leases(a).acquireFollowLease('P', 'A', 0)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/ttl_ms/) });
  });

  it('a bar producing two deltas is stored once per reason, even when both instances append it twice at once', async () => {
    const rec = await store(a).save({ user_id: 'u', symbol: 'SPY', style: 'intraday', payload: { entry: 1 } });
    const append = (t: TestApp, type: string, bar: number) => store(t).appendDelta('u', rec.plan_id, { type, payload: { type, bar_time: bar } }, { barTime: bar, dedupeKey: `${type}@${bar}` });
    const first = await Promise.all([append(a, 'target_hit', T), append(b, 'target_hit', T), append(a, 'stop_moved', T), append(b, 'stop_moved', T)]);
    const again = await Promise.all([append(b, 'target_hit', T), append(a, 'stop_moved', T)]);
    const stored = await store(a).listDeltas('u', rec.plan_id);
    expect(stored.map((d) => d.type).sort()).toEqual(['stop_moved', 'target_hit']);
    expect(stored.map((d) => d.seq)).toEqual([1, 2]);
    // every caller got the one stored record; exactly one write per reason, the rest deduplicated
    const seqOf = Object.fromEntries(stored.map((d) => [d.type, d.seq]));
    for (const r of [...first, ...again]) expect(r.seq).toBe(seqOf[r.type]);
    expect([...first, ...again].filter((r) => !r.deduplicated)).toHaveLength(2);
    expect(again.every((r) => r.deduplicated)).toBe(true);
    // the next bar, and the same bar of a new plan version, are new deltas
    await append(a, 'target_hit', T + 60_000);
    await store(a).save({ user_id: 'u', symbol: 'SPY', style: 'intraday', plan_id: rec.plan_id, payload: { entry: 2 } });
    const v2 = await append(b, 'target_hit', T);
    expect(v2.deduplicated).toBeFalsy();
    expect((await store(b).listDeltas('u', rec.plan_id)).map((d) => d.seq)).toEqual([1, 2, 3, 4]);
  });

  it('the unique index itself refuses a second row with the same (plan, version, bar, reason)', async () => {
    const ds = a.app.get(DatabaseService).dataSource();
    const p = target === 'postgres' ? ['$1', '$2', '$3', '$4', '$5', '$6', '$7'] : Array(7).fill('?');
    const sql = `INSERT INTO "plan_deltas" ("plan_id", "seq", "user_id", "type", "payload", "plan_version", "bar_time") VALUES (${p.join(', ')})`;
    await ds.query(sql, ['IDX-1', 1, 'u', 'target_hit', '{}', 1, T]);
    await expect(ds.query(sql, ['IDX-1', 2, 'u', 'target_hit', '{}', 1, T])).rejects.toThrow(/unique|UNIQUE/);
    await ds.query(sql, ['IDX-1', 3, 'u', 'stop_moved', '{}', 1, T]); // another reason on the same bar is fine
  });
});
