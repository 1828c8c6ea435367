import { z } from 'zod';
import { num } from '../http-json';

const agg = z.object({ t: z.number(), o: z.number(), h: z.number(), l: z.number(), c: z.number(), v: num.optional(), vw: num.optional() });
export const polygonAggsSchema = z.object({
  status: z.string().optional(),
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
export const polygonOptionsSnapshotSchema = z.object({ status: z.string().optional(), results: z.array(snapshot).optional().nullable(), next_url: z.string().optional().nullable() });
