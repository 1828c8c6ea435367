/**
 * The JSON stored with each plan delta (`plan_deltas.payload`): the follower's delta plus the state
 * after it. Read back through this schema: a row that does not fit yields no state (the follower starts
 * over from the plan), never a crash.
 */
import { z } from 'zod';
import type { FollowerState } from './follower.types';

const FollowerStateSchema = z.object({
  status: z.enum(['pending', 'triggered', 'closed']),
  stop: z.number(),
  targets_hit: z.number().int(),
  fill_price: z.number().nullable(),
  fill_time: z.number().nullable(),
  exit_price: z.number().nullable(),
  exit_time: z.number().nullable(),
  exit_reason: z.enum(['stop', 'breakeven_stop', 'trail_stop', 'final_target', 'time_stop', 'invalidated', 'expired']).nullable(),
  extreme: z.number().nullable(),
  last_price: z.number().nullable(),
  last_bar_time: z.number().nullable(),
  r_multiple: z.number().nullable(),
}) satisfies z.ZodType<FollowerState>;

export const DeltaPayloadSchema = z.object({
  type: z.string().optional(),
  /** Bar start, UTC ms (internal; the wire shows ISO). */
  bar_time: z.number().optional(),
  price: z.number().optional(),
  /** What changed, for the UI/GPT: free-form by delta type (status, stop, target index, next_plan_id …). */
  changes: z.record(z.string(), z.unknown()).optional(),
  note: z.string().optional(),
  state: FollowerStateSchema.optional(),
  dedupe_key: z.string().optional(),
});
export type DeltaPayload = z.infer<typeof DeltaPayloadSchema>;

/** The stored delta payload, or an empty one when the row does not fit. */
export function readDeltaPayload(json: unknown): DeltaPayload {
  const r = DeltaPayloadSchema.safeParse(json);
  return r.success ? r.data : {};
}
