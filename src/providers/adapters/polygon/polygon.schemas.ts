import { z } from 'zod';
import { num } from '../http-json';

const agg = z.object({ t: z.number(), o: z.number(), h: z.number(), l: z.number(), c: z.number(), v: num.optional(), vw: num.optional() });
// `status` is always present in a Polygon answer; requiring it tells a foreign body from an empty one
export const polygonAggsSchema = z.object({
  status: z.string(),
  ticker: z.string().optional(),
  results: z.array(agg).optional().nullable(),
  resultsCount: z.number().optional(),
  next_url: z.string().optional().nullable(),
});

export const polygonMarketStatusSchema = z.object({ market: z.string(), serverTime: z.string(), earlyHours: z.boolean().optional(), afterHours: z.boolean().optional() });

const snapshot = z.object({
  details: z.object({ contract_type: z.enum(['call', 'put']), expiration_date: z.string(), strike_price: z.number(), ticker: z.string() }),
  greeks: z.object({ delta: num.optional(), gamma: num.optional(), theta: num.optional(), vega: num.optional() }).partial().optional().nullable(),
  implied_volatility: num.optional(),
  last_quote: z.object({ bid: num.optional(), ask: num.optional(), last_updated: num.optional() }).partial().optional().nullable(),
  last_trade: z.object({ price: num.optional() }).partial().optional().nullable(),
  day: z.object({ volume: num.optional(), close: num.optional() }).partial().optional().nullable(),
  open_interest: num.optional(),
  underlying_asset: z.object({ price: num.optional(), ticker: z.string().optional() }).partial().optional().nullable(),
});
export const polygonOptionsSnapshotSchema = z.object({ status: z.string(), results: z.array(snapshot).optional().nullable(), next_url: z.string().optional().nullable() });

/** `/v2/last/trade/{T}`: p price, t SIP time in ns. */
export const polygonLastTradeSchema = z.object({ status: z.string(), results: z.object({ p: z.number(), t: z.number(), T: z.string().optional() }).nullable().optional() });
/** `/v2/last/nbbo/{T}`: p bid, P ask, t SIP time in ns. */
export const polygonLastNbboSchema = z.object({ status: z.string(), results: z.object({ p: num.optional(), P: num.optional(), t: z.number() }).nullable().optional() });
/** `/v3/snapshot/indices?ticker.any_of=I:SPX`: value and last_updated (ns); session.previous_close. */
export const polygonIndicesSnapshotSchema = z.object({
  status: z.string(),
  results: z
    .array(
      z
        .object({
          ticker: z.string(),
          value: num.optional(),
          last_updated: num.optional(),
          session: z.object({ previous_close: num.optional() }).partial().passthrough().optional().nullable(),
          error: z.string().optional(),
        })
        .passthrough(),
    )
    .optional()
    .nullable(),
});
