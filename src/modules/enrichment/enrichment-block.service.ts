import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { EarningsWire, EnrichmentBlock, MacroEventWire, SentimentWire } from '../../core/events/enrichment.schema';
import { evaluateEventGate, type EventGateResult } from '../../core/events/event-gate';
import { earningsHourOf, earningsReleaseMs, macroKindOf } from '../../core/events/macro-kind';
import { SYNTHETIC_CALENDAR_BANNER, SYNTHETIC_SOURCE, syntheticEarnings, syntheticMacroEvents } from '../../core/events/synthetic-calendar';
import { instrumentOf } from '../../core/instruments/instrument';
import { etDate } from '../../core/session/et-time';
import type { Style } from '../../core/strategies/strategy.types';
import { EnrichmentService } from '../../providers/chain/enrichment.service';
import { CLOCK, type Clock, type EarningsEvent, type MacroEvent } from '../../providers/provider.types';
import { UserEventsFile, USER_EVENTS_SOURCE } from './user-events-file';

/** Calendar window (reference §6.5: 14 days). */
export const WINDOW_DAYS = 14;
/** Upper bound of one part's lookup (each vendor call is also bounded by PROVIDER_TIMEOUT_MS in the chain). */
export const PART_TIMEOUT_MS = 6_000;
const DAY = 86_400_000;

type Part<T> = { ok: true; value: T; source: string; fetched_at: string } | { ok: false; reason: string };

async function bounded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 200);

/**
 * The enrichment block of a symbol: next earnings, news sentiment and macro events within 14 days,
 * each with source and fetched_at. Vendors when keys are set (Trading Economics first for macro,
 * Finnhub as fallback and for earnings/sentiment; cached 300 s by the chain); otherwise the labelled
 * synthetic calendar (ENRICHMENT_CALENDAR=synthetic, the default) — never an empty list that reads as
 * "no events": a part that did not answer is `unavailable` with the reason. User events in
 * DATA_DIR/events.json are merged in either mode.
 */
@Injectable()
export class EnrichmentBlockService {
  private readonly userFile: UserEventsFile;

  /** Vendor chain; absent (a test module without the provider layer) reads as "no enrichment keys". */
  private readonly vendors: EnrichmentService | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() vendors?: EnrichmentService,
  ) {
    this.userFile = new UserEventsFile(config.dataDir);
    this.vendors = vendors ?? null;
  }

  private get vendorMode(): boolean {
    return (this.vendors?.providers.length ?? 0) > 0;
  }

  private has(cap: 'getMacroEvents' | 'getEarningsCalendar' | 'getNewsSentiment'): boolean {
    return !!this.vendors?.providers.some((p) => p[cap]);
  }

  async block(symbol: string, nowMs = this.clock.now()): Promise<EnrichmentBlock> {
    const inst = instrumentOf(symbol);
    const toMs = nowMs + WINDOW_DAYS * DAY;
    const fromMs = nowMs - this.config.enrichment.blockMinutes * 60_000; // a release minutes ago still blocks
    const user = this.userFile.read();
    const [macroP, earnP, sentP] = await Promise.all([
      this.macro(fromMs, toMs),
      inst.kind === 'equity' ? this.earnings(inst.symbol, nowMs, toMs) : Promise.resolve(null),
      this.sentiment(inst.kind === 'index' ? (inst.etf_proxy ?? inst.symbol) : inst.symbol, nowMs),
    ]);
    const reasons: string[] = [];
    if (user.error) reasons.push(user.error);
    const nowIso = new Date(nowMs).toISOString();
    const toWire = (e: MacroEvent, source: string, fetchedAt: string): MacroEventWire => ({
      event: e.event,
      kind: macroKindOf(e.event),
      time: e.time,
      impact: e.importance,
      consensus: e.consensus ?? null,
      previous: e.previous ?? null,
      actual: e.actual ?? null,
      unit: e.unit ?? null,
      country: e.country,
      minutes_to_event: Math.round((Date.parse(e.time) - nowMs) / 60_000),
      source,
      fetched_at: fetchedAt,
    });
    const inRange = (e: MacroEvent) => {
      const t = Date.parse(e.time);
      return t >= fromMs && t < toMs && e.importance !== 'low' && /^(US|United States)$/i.test(e.country);
    };
    const macro: MacroEventWire[] = [];
    if (macroP.ok) macro.push(...macroP.value.filter(inRange).map((e) => toWire(e, macroP.source, macroP.fetched_at)));
    else reasons.push(`macro: ${macroP.reason}`);
    macro.push(...user.macro.filter(inRange).map((e) => toWire(e, USER_EVENTS_SOURCE, nowIso)));
    macro.sort((a, b) => a.time.localeCompare(b.time));

    let earnings: EarningsWire | null = null;
    let earningsPart: 'ok' | 'unavailable' | 'not_applicable' = 'not_applicable';
    if (inst.kind === 'equity') {
      const mine = user.earnings.filter((e) => e.symbol === inst.symbol);
      const candidates: Array<{ e: EarningsEvent; source: string; fetched_at: string }> = mine.map((e) => ({ e, source: USER_EVENTS_SOURCE, fetched_at: nowIso }));
      if (earnP && earnP.ok) candidates.push(...earnP.value.map((e) => ({ e, source: earnP.source, fetched_at: earnP.fetched_at })));
      else if (earnP && !earnP.ok && !mine.length) reasons.push(`earnings: ${earnP.reason}`);
      earningsPart = (earnP && earnP.ok) || mine.length ? 'ok' : 'unavailable';
      const next = candidates
        .map((c) => ({ ...c, hour: earningsHourOf(c.e.hour), t: 0 }))
        .map((c) => ({ ...c, t: earningsReleaseMs(c.e.date, c.hour) }))
        .filter((c) => c.t >= nowMs && c.t < toMs)
        .sort((a, b) => a.t - b.t || (a.source === USER_EVENTS_SOURCE ? -1 : 1))[0];
      if (next)
        earnings = {
          symbol: inst.symbol,
          date: next.e.date,
          hour: next.hour,
          release_time: new Date(next.t).toISOString(),
          eps_estimate: next.e.eps_estimate ?? null,
          revenue_estimate: next.e.revenue_estimate ?? null,
          source: next.source,
          fetched_at: next.fetched_at,
        };
    }
    if (!sentP.ok) reasons.push(`sentiment: ${sentP.reason}`);

    const nextOf = (k: MacroEventWire['kind']) => macro.find((e) => e.kind === k && e.impact === 'high' && e.minutes_to_event >= -this.config.enrichment.blockMinutes)?.minutes_to_event ?? null;
    const within = macro.some((e) => e.kind !== 'OTHER' && e.impact === 'high' && Math.abs(e.minutes_to_event) <= this.config.enrichment.blockMinutes);
    const calendarDown = !macroP.ok || earningsPart === 'unavailable';
    const sources = [...new Set([macroP.ok ? macroP.source : null, earnings?.source ?? null, sentP.ok ? sentP.source : null, ...macro.map((e) => e.source)].filter((x): x is string => !!x))];
    const synthetic = (macroP.ok && macroP.source === SYNTHETIC_SOURCE) || earnings?.source === SYNTHETIC_SOURCE;
    return {
      symbol: inst.symbol,
      enrichment_status: calendarDown ? 'unavailable' : reasons.length ? 'partial' : 'ok',
      reason: reasons.length ? reasons.join('; ') : null,
      window: { from: nowIso, to: new Date(toMs).toISOString() },
      parts: { macro: macroP.ok ? 'ok' : 'unavailable', earnings: earningsPart, sentiment: sentP.ok ? 'ok' : 'unavailable' },
      earnings,
      sentiment: sentP.ok ? sentP.value : null,
      macro_events: macro,
      events: {
        label: 'macro_window',
        next_fomc_minutes: nextOf('FOMC'),
        next_cpi_minutes: nextOf('CPI'),
        next_nfp_minutes: nextOf('NFP'),
        within_event_window: within,
        source: macroP.ok ? macroP.source : null,
      },
      sources,
      banner: synthetic ? SYNTHETIC_CALENDAR_BANNER : null,
      fetched_at: nowIso,
    };
  }

  /** The event gate of a plan of `style` at `nowMs` on this block. */
  gate(block: EnrichmentBlock, style: Style, nowMs: number): EventGateResult {
    const inst = instrumentOf(block.symbol);
    return evaluateEventGate({
      style,
      now_ms: nowMs,
      broad_market: inst.broad_market,
      single_stock: inst.kind === 'equity',
      macro: block.macro_events,
      earnings: block.earnings,
      block_minutes: this.config.enrichment.blockMinutes,
    });
  }

  private async macro(fromMs: number, toMs: number): Promise<Part<MacroEvent[]>> {
    if (this.vendorMode) {
      if (!this.has('getMacroEvents')) return { ok: false, reason: 'no macro calendar provider configured' };
      try {
        const r = await bounded(this.vendors!.getMacroEvents(etDate(fromMs), etDate(toMs)), PART_TIMEOUT_MS, 'macro calendar');
        return { ok: true, value: r.events, source: r.data_source, fetched_at: r.as_of };
      } catch (err) {
        return { ok: false, reason: reasonOf(err) };
      }
    }
    if (this.config.enrichment.calendar === 'synthetic') return { ok: true, value: syntheticMacroEvents(fromMs, toMs), source: SYNTHETIC_SOURCE, fetched_at: new Date(this.clock.now()).toISOString() };
    return { ok: false, reason: 'no TE_API_KEY or FINNHUB_API_KEY set and ENRICHMENT_CALENDAR=none' };
  }

  private async earnings(symbol: string, nowMs: number, toMs: number): Promise<Part<EarningsEvent[]>> {
    const from = etDate(nowMs);
    const to = etDate(toMs);
    if (this.vendorMode) {
      if (!this.has('getEarningsCalendar')) return { ok: false, reason: 'no earnings calendar provider configured (FINNHUB_API_KEY)' };
      try {
        const r = await bounded(this.vendors!.getEarningsCalendar(from, to, symbol), PART_TIMEOUT_MS, 'earnings calendar');
        return { ok: true, value: r.events.filter((e) => e.symbol.toUpperCase() === symbol), source: r.data_source, fetched_at: r.as_of };
      } catch (err) {
        return { ok: false, reason: reasonOf(err) };
      }
    }
    if (this.config.enrichment.calendar === 'synthetic')
      return { ok: true, value: syntheticEarnings(symbol, from, to), source: SYNTHETIC_SOURCE, fetched_at: new Date(this.clock.now()).toISOString() };
    return { ok: false, reason: 'no FINNHUB_API_KEY set and ENRICHMENT_CALENDAR=none' };
  }

  private async sentiment(symbol: string, nowMs: number): Promise<Part<SentimentWire>> {
    if (!this.vendors || !this.has('getNewsSentiment')) return { ok: false, reason: 'no news-sentiment provider configured (FINNHUB_API_KEY)' };
    try {
      const [s, news] = await Promise.all([
        bounded(this.vendors.getNewsSentiment(symbol), PART_TIMEOUT_MS, 'news sentiment'),
        bounded(this.vendors.getCompanyNews(symbol, etDate(nowMs - 7 * DAY), etDate(nowMs)), PART_TIMEOUT_MS, 'company news').catch(() => null),
      ]);
      return {
        ok: true,
        source: s.data_source,
        fetched_at: s.as_of,
        value: {
          score: s.score,
          buzz: s.buzz ?? null,
          articles_in_last_week: s.articles_in_last_week ?? null,
          bullish_share: s.bullish_percent ?? null,
          bearish_share: s.bearish_percent ?? null,
          sector_average_bullish_share: s.sector_average_bullish_percent ?? null,
          sector_average_news_score: s.sector_average_news_score ?? null,
          headlines: news?.headlines ?? [],
          source: s.data_source,
          fetched_at: s.as_of,
        },
      };
    } catch (err) {
      return { ok: false, reason: reasonOf(err) };
    }
  }
}
