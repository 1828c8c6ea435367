import type { Interval } from '../bars/interval';
import type { AsOfContext } from './as-of-context';

export const STYLES = ['scalp', 'intraday', 'swing', 'leaps'] as const;
export type Style = (typeof STYLES)[number];
export type Direction = 'long' | 'short';

/** A named price, e.g. {price: 448.67, label: 'ORH'}. */
export interface PriceLevel {
  price: number;
  label: string;
  /** session | structural (see docs/plan-fields.md, key_levels_used). */
  group?: 'session' | 'structural';
}

/** One named rule input of a setup; the share of true ones feeds the confidence score. */
export interface Condition {
  name: string;
  ok: boolean;
}

/** A playbook's bar granularity for one trading style. */
export interface PlaybookStyleSpec {
  style: Style;
  interval: Interval;
  /** Bars the service fetches for this style (enough for indicator warm-up plus the previous session). */
  lookback_bars: number;
}

/** Time-of-day window in ET minutes after midnight, [start, end). */
export interface EtWindow {
  start_min: number;
  end_min: number;
}

/** What a playbook's rule produces when it fires as of a bar. Prices are per share. */
export interface Setup {
  direction: Direction;
  entry: number;
  entry_label: string;
  /** Structure beyond which the idea is wrong; the stop engine adds a buffer and ATR bounds. */
  invalidation: PriceLevel;
  /** Strategy-specific targets, nearest first (e.g. gap fill → previous close); may be empty. */
  targets: PriceLevel[];
  conditions: Condition[];
  /** Waiting for this to trigger when the entry is not yet reached (e.g. a retest). */
  trigger_text: string;
  invalidation_text: string;
  notes: string;
}

/** Why a playbook did not fire at a bar (for debugging/explanations; never thrown). */
export interface NoSetup {
  reason: string;
}

/**
 * A declarative strategy: metadata (styles, intervals, window, minimum R:R, rule text) plus one pure
 * rule `detect` evaluated by the shared engine on an as-of context that only holds bars ≤ the as-of bar.
 */
export interface Playbook {
  id: string;
  name: string;
  description: string;
  styles: PlaybookStyleSpec[];
  /** null = any time (daily frames); intraday windows are skipped when simulate_open is set. */
  window_et: EtWindow | null;
  /** Minimum TP1 R:R for this strategy (the plan uses the larger of this and the style floor). */
  min_rr: number;
  rules: { trigger: string; invalidation: string; targets: string; direction: string };
  detect(ctx: AsOfContext): Setup | NoSetup;
}

/** A playbook that fired as of one bar. */
export interface Signal extends Setup {
  strategy_id: string;
  strategy_name: string;
  style: Style;
  interval: Interval;
  bar_index: number;
  /** Start of the as-of bar, UTC ms. */
  bar_time: number;
  min_rr: number;
}

export function isSetup(x: Setup | NoSetup): x is Setup {
  return (x as Setup).direction !== undefined;
}

export const etMinutes = (hh: number, mm = 0): number => hh * 60 + mm;
