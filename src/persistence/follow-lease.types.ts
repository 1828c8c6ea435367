/**
 * One follower per plan across instances (issue 13 item 11). An instance that wants to follow a plan
 * acquires its lease; while it holds it, every other instance's acquire fails; it renews the lease
 * before `ttlMs` runs out and releases it when it stops. A lease whose holder died expires and can be
 * taken over. Implemented on the store (a `follow_leases` row with an expiry) for both dialects.
 */
export interface FollowLeaseApi {
  /** True when `instanceId` now holds the lease (newly taken, taken over after expiry, or already its own). */
  acquireFollowLease(planId: string, instanceId: string, ttlMs: number): Promise<boolean>;
  /** Extend the holder's lease; false when another instance holds it now. */
  renewFollowLease(planId: string, instanceId: string, ttlMs: number): Promise<boolean>;
  /** Give the lease up (no-op when another instance holds it). */
  releaseFollowLease(planId: string, instanceId: string): Promise<void>;
  /** The current unexpired holder, or null. */
  followLeaseHolder(planId: string): Promise<string | null>;
}

export const FOLLOW_LEASES = Symbol('FOLLOW_LEASES');
