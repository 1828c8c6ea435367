/**
 * What a GPT needs to explain a setup: each playbook's rules in words, its styles, intervals and window,
 * and its current measured statistics per calibrated data source (compact: no rows, no segments).
 */
import type { Style } from '../strategies/strategy.types';
import { PLAYBOOKS } from '../strategies/playbooks';
import { classifyEdge, MIN_N } from '../stats/shrinkage';
import type { CalibrationBook } from './calibration-book';
import { TP_EVENT } from './calibration-book';

export interface PlaybookStats {
  source: string;
  style: Style;
  /** Filled plans; below 30 the rates are null. */
  n: number;
  n_plans: number;
  fill_rate: number | null;
  tp1_rate: number | null;
  tp1_ci95: [number, number] | null;
  tp2_rate: number | null;
  expectancy_r: number | null;
  expectancy_r_after_costs: number | null;
  expectancy_ci95_after_costs: [number, number] | null;
  edge: 'positive' | 'negative' | 'unproven';
  /** ISO UTC. */
  window: { from: string; to: string } | null;
}

export interface PlaybookEntry {
  id: string;
  name: string;
  description: string;
  styles: Array<{ style: Style; interval: string }>;
  /** ET window "HH:MM–HH:MM", null = any time. */
  window_et: string | null;
  min_rr: number;
  rules: { trigger: string; invalidation: string; targets: string; direction: string };
  stats: PlaybookStats[];
}

export interface PlaybookCatalog {
  /** Calibrated source behind the statistics: one id, "mixed" (each stats entry says its own), or "none" when nothing is calibrated yet. */
  data_source: string;
  /** Time the statistics are as of (only outcomes resolved before it), ISO UTC. */
  as_of: string;
  event: string;
  playbooks: PlaybookEntry[];
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const r4 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10_000) / 10_000);

export function playbookCatalog(books: readonly CalibrationBook[], asOfMs: number): PlaybookCatalog {
  const perBook = books.map((b) => ({ source: b.source, stats: b.groupsAsOf(asOfMs).filter((g) => g.segment.dimension === 'all') }));
  const sources = books.map((b) => b.source);
  return {
    data_source: sources.length === 0 ? 'none' : sources.length === 1 ? sources[0] : 'mixed',
    as_of: new Date(asOfMs).toISOString(),
    event: TP_EVENT,
    playbooks: PLAYBOOKS.map((pb) => ({
      id: pb.id,
      name: pb.name,
      description: pb.description,
      styles: pb.styles.map((s) => ({ style: s.style, interval: s.interval })),
      window_et: pb.window_et ? `${hhmm(pb.window_et.start_min)}–${hhmm(pb.window_et.end_min)}` : null,
      min_rr: pb.min_rr,
      rules: pb.rules,
      stats: perBook.flatMap(({ source, stats }) =>
        stats
          .filter((g) => g.playbook === pb.id)
          .map((g): PlaybookStats => {
            const s = g.stats;
            const speaks = s.n >= MIN_N;
            const ci = s.expectancy_r_after_costs?.ci95 ?? null;
            return {
              source,
              style: g.style,
              n: s.n,
              n_plans: s.n_plans,
              fill_rate: r4(s.fill_rate),
              tp1_rate: speaks ? r4(s.tp[0].rate) : null,
              tp1_ci95: speaks && s.tp[0].ci95 ? [r4(s.tp[0].ci95[0])!, r4(s.tp[0].ci95[1])!] : null,
              tp2_rate: speaks && s.tp[1].n >= MIN_N ? r4(s.tp[1].rate) : null,
              expectancy_r: speaks ? r4(s.expectancy_r?.mean) : null,
              expectancy_r_after_costs: speaks ? r4(s.expectancy_r_after_costs?.mean) : null,
              expectancy_ci95_after_costs: speaks && ci ? [r4(ci[0])!, r4(ci[1])!] : null,
              edge: speaks ? classifyEdge(ci) : 'unproven',
              window: s.window ? { from: new Date(s.window.from).toISOString(), to: new Date(s.window.to).toISOString() } : null,
            };
          }),
      ),
    })),
  };
}
