import { z } from 'zod';
import { num } from '../http-json';

const series = z.array(num).optional();

export const yahooChartSchema = z.object({
  chart: z.object({
    result: z
      .array(
        z.object({
          meta: z
            .object({
              symbol: z.string(),
              regularMarketPrice: num.optional(),
              regularMarketTime: num.optional(),
              previousClose: num.optional(),
              chartPreviousClose: num.optional(),
            })
            .passthrough(),
          timestamp: z.array(z.number()).optional(),
          events: z
            .object({ splits: z.record(z.string(), z.object({ date: z.number(), numerator: z.number(), denominator: z.number() })).optional() })
            .passthrough()
            .optional(),
          indicators: z
            .object({
              quote: z.array(z.object({ open: series, high: series, low: series, close: series, volume: series })),
            })
            .passthrough(),
        }),
      )
      .nullable(),
    error: z.unknown().nullable().optional(),
  }),
});

const contract = z.object({
  contractSymbol: z.string(),
  strike: z.number(),
  lastPrice: num.optional(),
  bid: num.optional(),
  ask: num.optional(),
  volume: num.optional(),
  openInterest: num.optional(),
  impliedVolatility: num.optional(),
  expiration: z.number(),
});

export const yahooOptionsSchema = z.object({
  optionChain: z.object({
    result: z.array(
      z.object({
        underlyingSymbol: z.string(),
        expirationDates: z.array(z.number()),
        quote: z.object({ regularMarketPrice: num.optional(), regularMarketTime: num.optional() }).passthrough(),
        options: z.array(z.object({ expirationDate: z.number(), calls: z.array(contract), puts: z.array(contract) })),
      }),
    ),
  }),
});
