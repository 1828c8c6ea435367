import type { Bar } from '../bars/bar';
import { buildPlan } from '../plan/build-plan';
import { contextAt } from './as-of-context';
import { evaluatePlaybookAt, evaluateStyle } from './engine';
import { buildFrame } from './frame';
import { PLAYBOOKS } from './playbooks';

const flat = (n: number, start = Date.parse('2026-11-20T14:30:00Z')): Bar[] => Array.from({ length: n }, (_, i) => ({ time: start + i * 60_000, open: 10, high: 10, low: 10, close: 10, volume: 0 }));

describe('engine on malformed input returns reasons, never throws', () => {
  it('empty series', () => {
    const f = buildFrame([], '1m');
    expect(contextAt(f, 0)).toBeNull();
    const ev = evaluateStyle('scalp', { frames: { '1m': f } });
    expect(ev.every((e) => e.signal === null && typeof e.reason === 'string')).toBe(true);
  });
  it('zero-range, zero-volume bars (ATR 0) and out-of-range indices', () => {
    const f = buildFrame(flat(120), '1m');
    for (const pb of PLAYBOOKS.filter((p) => p.styles.some((s) => s.interval === '1m'))) {
      const e = evaluatePlaybookAt(pb, 'scalp', f, 119, { ignore_windows: true });
      expect(e.signal).toBeNull();
      expect(e.reason).toBeTruthy();
      expect(evaluatePlaybookAt(pb, 'scalp', f, 500).reason).toBe('no bar at the as-of index');
      expect(evaluatePlaybookAt(pb, 'scalp', f, NaN).reason).toBe('no bar at the as-of index');
    }
  });
  it('NaN prices do not produce a signal or a plan', () => {
    const bars = flat(120).map((b, i) => (i % 7 ? { ...b, high: 10 + (i % 3), low: 9 - (i % 2), close: 9.5 + (i % 4) / 2, volume: 100 } : { ...b, close: NaN }));
    const f = buildFrame(bars, '1m');
    for (const pb of PLAYBOOKS) {
      const e = evaluatePlaybookAt(pb, 'scalp', f, 119, { ignore_windows: true });
      if (!e.signal) {
        expect(e.reason).toBeTruthy();
        continue;
      }
      expect(Number.isFinite(e.signal.entry)).toBe(true);
      const r = buildPlan(e.signal, e.ctx!);
      if (r.ok) expect([r.plan.entry, r.plan.stop, ...r.plan.targets].every(Number.isFinite)).toBe(true);
      else expect(r.violations.length).toBeGreaterThan(0);
    }
  });
  it('a playbook asked for a style or interval it does not define says so', () => {
    const f = buildFrame(flat(10), '1m');
    const swing = PLAYBOOKS.find((p) => p.id === 'swing_breakout')!;
    expect(evaluatePlaybookAt(swing, 'scalp', f, 5).reason).toMatch(/not defined for style scalp/);
    expect(evaluatePlaybookAt(swing, 'swing', f, 5).reason).toMatch(/needs 1D bars/);
  });
});
