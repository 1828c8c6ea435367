import { z } from 'zod';
import { num, oneOrMany } from '../http-json';

export const tradierQuoteSchema = z
  .object({
    symbol: z.string(),
    type: z.string().optional(),
    last: num.optional(),
    bid: num.optional(),
    ask: num.optional(),
    prevclose: num.optional(),
    trade_date: num.optional(),
  })
  .passthrough();

export const tradierQuotesSchema = z.object({
  quotes: z.object({ quote: oneOrMany(tradierQuoteSchema).optional(), unmatched_symbols: z.unknown().optional() }).nullable(),
});

const day = z.object({ date: z.string(), open: num, high: num, low: num, close: num, volume: num });
export const tradierHistorySchema = z.object({ history: z.object({ day: oneOrMany(day) }).nullable() });

const tick = z.object({ timestamp: z.number(), open: num, high: num, low: num, close: num, volume: num, vwap: num.optional() });
export const tradierTimesalesSchema = z.object({ series: z.object({ data: oneOrMany(tick) }).nullable() });

export const tradierClockSchema = z.object({
  clock: z.object({ state: z.string(), date: z.string(), timestamp: z.number(), next_state: z.string().optional(), next_change: z.string().optional() }),
});

export const tradierExpirationsSchema = z.object({
  expirations: z.object({ date: z.union([z.array(z.string()), z.string()]).transform((v) => (Array.isArray(v) ? v : [v])) }).nullable(),
});

const option = z
  .object({
    symbol: z.string(),
    underlying: z.string(),
    strike: z.number(),
    option_type: z.enum(['call', 'put']),
    expiration_date: z.string(),
    bid: num.optional(),
    ask: num.optional(),
    last: num.optional(),
    volume: num.optional(),
    open_interest: num.optional(),
    greeks: z.object({ delta: num, gamma: num, theta: num, vega: num, rho: num.optional(), mid_iv: num.optional(), smv_vol: num.optional() }).passthrough().nullable().optional(),
  })
  .passthrough();
export const tradierChainSchema = z.object({ options: z.object({ option: oneOrMany(option) }).nullable() });
