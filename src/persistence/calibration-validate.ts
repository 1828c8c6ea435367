/**
 * Argument checks of the calibration store. Anything a JSON column cannot hold faithfully (NaN,
 * ±Infinity) or a row filed under the wrong key is refused with a ValidationFailedError naming the
 * field, instead of being stored as something else.
 */
import { ValidationFailedError } from '../common/errors';
import type { StatsGroup } from '../core/stats/aggregate';
import type { OutcomeRow } from '../core/stats/outcome.types';
import { STYLES, type Style } from '../core/strategies/strategy.types';

const SOURCE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const KEY_MAX = 64;

export function checkSource(source: unknown): asserts source is string {
  if (typeof source !== 'string' || !SOURCE.test(source)) {
    throw ValidationFailedError.field('source', 'must be 1–64 characters of letters, digits, _ . : - (starting with a letter or digit)');
  }
}

export function checkStyle(style: unknown, field = 'style'): asserts style is Style {
  if (!(STYLES as readonly unknown[]).includes(style)) throw ValidationFailedError.field(field, `must be one of ${STYLES.join(', ')}`);
}

export function checkTime(t: unknown, field: string): asserts t is number {
  if (!Number.isSafeInteger(t) || (t as number) < 0) throw ValidationFailedError.field(field, 'must be a non-negative integer (epoch ms)');
}

function finite(x: unknown, field: string) {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw ValidationFailedError.field(field, 'must be a finite number');
}

function key(x: unknown, field: string) {
  if (typeof x !== 'string' || x.length === 0 || x.length > KEY_MAX) throw ValidationFailedError.field(field, `must be a string of 1–${KEY_MAX} characters`);
}

/** One outcome row filed under `style`: the indexed columns and every number of the row. */
export function checkOutcomeRow(r: OutcomeRow, style: Style, i: number): void {
  const f = (name: string) => `rows[${i}].${name}`;
  if (!r || typeof r !== 'object') throw ValidationFailedError.field(`rows[${i}]`, 'must be an outcome row');
  if (r.style !== style) throw ValidationFailedError.field(f('style'), `must be ${style} (the style the rows are replaced for)`);
  key(r.playbook, f('playbook'));
  checkTime(r.plan_time, f('plan_time'));
  checkTime(r.resolved_at, f('resolved_at'));
  if (r.fill_time !== null) finite(r.fill_time, f('fill_time'));
  if (!Array.isArray(r.rr)) throw ValidationFailedError.field(f('rr'), 'must be an array of numbers');
  for (let k = 0; k < r.rr.length; k++) finite(r.rr[k], f(`rr[${k}]`));
  finite(r.stop_atr, f('stop_atr'));
  finite(r.stop_bp, f('stop_bp'));
  finite(r.tp1_atr, f('tp1_atr'));
  finite(r.r_realised, f('r_realised'));
  finite(r.r_after_costs, f('r_after_costs'));
  finite(r.mae_r, f('mae_r'));
  finite(r.mfe_r, f('mfe_r'));
  finite(r.bars_to_outcome, f('bars_to_outcome'));
}

/** JSON text of a value; a non-finite number anywhere in it is refused, naming its path under `field`. */
export function strictJson(value: unknown, field: string): string {
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw ValidationFailedError.field(path, 'must be a finite number');
    } else if (Array.isArray(v)) v.forEach((x, k) => walk(x, `${path}[${k}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(value, field);
  return JSON.stringify(value);
}

/** Stats groups filed under `style`: keys present, unique per (playbook, segment), numbers finite. */
export function checkStatsGroups(groups: readonly StatsGroup[], style: Style): void {
  const seen = new Set<string>();
  groups.forEach((g, i) => {
    const f = (name: string) => `groups[${i}].${name}`;
    if (!g || typeof g !== 'object' || !g.stats || typeof g.stats !== 'object') throw ValidationFailedError.field(`groups[${i}]`, 'must be a stats group with stats');
    if (g.style !== style) throw ValidationFailedError.field(f('style'), `must be ${style} (the style the stats are replaced for)`);
    key(g.playbook, f('playbook'));
    key(g.segment?.dimension, f('segment.dimension'));
    key(g.segment?.value, f('segment.value'));
    if (!Number.isInteger(g.stats.n) || g.stats.n < 0) throw ValidationFailedError.field(f('stats.n'), 'must be a non-negative integer');
    if (!Array.isArray(g.stats.data_sources)) throw ValidationFailedError.field(f('stats.data_sources'), 'must be an array');
    if (g.stats.window) {
      checkTime(g.stats.window.from, f('stats.window.from'));
      checkTime(g.stats.window.to, f('stats.window.to'));
    }
    const k = `${g.playbook}\u0000${g.segment.dimension}\u0000${g.segment.value}`;
    if (seen.has(k)) throw ValidationFailedError.field(`groups[${i}]`, `duplicate group (${g.playbook}, ${g.segment.dimension}=${g.segment.value})`);
    seen.add(k);
  });
}
