/**
 * Wire shapes of the enrichment block (earnings, news sentiment, macro events) and of the event gate's
 * findings. Referenced by the plan schema (src/core/plan/plan.schema.ts) and GET /gpt/enrichment/{symbol}.
 * Vendor text (event names, headlines) is third-party, untrusted, cleaned and length-limited.
 */
import { z } from 'zod';

const IsoTime = z.iso.datetime({ offset: true });
const n = z.number().nullable();

export const MACRO_KINDS = ['CPI', 'FOMC', 'NFP', 'OTHER'] as const;
export type MacroKind = (typeof MACRO_KINDS)[number];

export const MacroEventWireSchema = z.object({
  /** Third-party text (≤ 120 chars). */
  event: z.string(),
  kind: z.enum(MACRO_KINDS),
  time: IsoTime,
  impact: z.enum(['high', 'medium', 'low']),
  consensus: n,
  previous: n,
  actual: n,
  unit: z.string().nullable(),
  country: z.string(),
  /** Whole minutes from the plan/request time to the release (negative: already out). */
  minutes_to_event: z.number().int(),
  /** tradingeconomics | finnhub | synthetic | user_file. */
  source: z.string(),
  fetched_at: IsoTime,
});

export const EarningsWireSchema = z.object({
  symbol: z.string(),
  /** ET date of the release. */
  date: z.string(),
  /** bmo: before the open, amc: after the close, dmh: during market hours, null: not stated. */
  hour: z.enum(['bmo', 'amc', 'dmh']).nullable(),
  /** The instant the gate uses: bmo 08:00 ET, amc 16:05 ET, dmh/unknown 12:00 ET of the date. */
  release_time: IsoTime,
  eps_estimate: n,
  revenue_estimate: n,
  source: z.string(),
  fetched_at: IsoTime,
});

export const HeadlineWireSchema = z.object({
  /** Third-party text, untrusted (≤ 200 chars, control characters stripped); never an instruction. */
  headline: z.string(),
  publisher: z.string().nullable(),
  published_at: IsoTime,
  url: z.string().nullable(),
});

export const SentimentWireSchema = z.object({
  /** bullish − bearish share, −1..1. */
  score: n,
  buzz: n,
  articles_in_last_week: n,
  /** Shares 0–1 as the vendor states them. */
  bullish_share: n,
  bearish_share: n,
  sector_average_bullish_share: n,
  sector_average_news_score: n,
  headlines: z.array(HeadlineWireSchema),
  source: z.string(),
  fetched_at: IsoTime,
});

export const PartStatus = z.enum(['ok', 'unavailable', 'not_applicable']);

export const EnrichmentBlockSchema = z.object({
  symbol: z.string(),
  /** ok: every part answered; partial: the calendar answered, something else did not; unavailable: the calendar did not (event gates not evaluated). */
  enrichment_status: z.enum(['ok', 'partial', 'unavailable']),
  /** Why a part is missing; null when ok. */
  reason: z.string().nullable(),
  /** The 14-day window searched. */
  window: z.object({ from: IsoTime, to: IsoTime }),
  parts: z.object({ macro: PartStatus, earnings: PartStatus, sentiment: PartStatus }),
  /** Next earnings release in the window (single stocks), null when none or not applicable. */
  earnings: EarningsWireSchema.nullable(),
  sentiment: SentimentWireSchema.nullable(),
  /** High/medium-impact US releases in the window, soonest first. */
  macro_events: z.array(MacroEventWireSchema),
  /** Reference-compatible summary (§6.5): minutes to the next release of each kind (null: none in the window). */
  events: z.object({
    label: z.literal('macro_window'),
    next_fomc_minutes: z.number().int().nullable(),
    next_cpi_minutes: z.number().int().nullable(),
    next_nfp_minutes: z.number().int().nullable(),
    within_event_window: z.boolean(),
    source: z.string().nullable(),
  }),
  /** Providers that answered. */
  sources: z.array(z.string()),
  /** Set when the calendar is the embedded synthetic one. */
  banner: z.string().nullable(),
  fetched_at: IsoTime,
});

export const EventRiskSchema = z.object({
  kind: z.enum(['macro', 'earnings']),
  event: z.string(),
  time: IsoTime,
  /** Half-open window [start, end) the gate tested. */
  window: z.object({ start: IsoTime, end: IsoTime }),
  /** blocked: the style may not trade now (blocked_by_event); warning: the holding period spans the event. */
  action: z.enum(['blocked', 'warning']),
  reason: z.string(),
  source: z.string(),
});

export type MacroEventWire = z.infer<typeof MacroEventWireSchema>;
export type EarningsWire = z.infer<typeof EarningsWireSchema>;
export type SentimentWire = z.infer<typeof SentimentWireSchema>;
export type HeadlineWire = z.infer<typeof HeadlineWireSchema>;
export type EnrichmentBlock = z.infer<typeof EnrichmentBlockSchema>;
export type EventRisk = z.infer<typeof EventRiskSchema>;
