import { fixtureBars } from '../../../test/support/bars';
import { readFixtureJson } from '../../../test/support/fixtures';
import { toColumns } from '../bars/bar';
import { etDate } from '../session/et-time';
import { sessionTag } from '../session/session';
import { anchoredVwap, sessionVwap } from './vwap';

/** vwap_reference.json: independent numpy computation on regular-session bars (typical price). */
const ref = readFixtureJson('reference', 'vwap_reference.json');

describe.each(Object.entries<any>(ref.series))('session and anchored VWAP equal the reference: %s', (key, s) => {
  const file = s.source_file.replace(/^bars\//, '');
  const date = key.split(':')[1];
  const all = fixtureBars(file);
  const c = toColumns(all);
  const ours = sessionVwap(c.time, c.high, c.low, c.close, c.volume);
  const regIdx = all
    .map((b, i) => [b, i] as const)
    .filter(([b]) => etDate(b.time) === date && sessionTag(b.time) === 'regular')
    .map(([, i]) => i);

  it('typical-price session VWAP at every regular bar (1e-9 relative)', () => {
    expect(regIdx.map((i) => new Date(all[i].time).toISOString())).toEqual(s.time.map((t: string) => new Date(t).toISOString()));
    regIdx.forEach((i, k) => expect(Math.abs(ours[i] - s.vwap_tp_session[k]) / s.vwap_tp_session[k]).toBeLessThan(1e-9));
  });

  it('anchored VWAP from the 10:30 bar and from the session-low bar', () => {
    const reg = regIdx.map((i) => all[i]);
    const rc = toColumns(reg);
    const a1030 = reg.findIndex((b) => new Date(b.time).toISOString() === new Date(`${date}T10:30:00${reg[0] && s.time[0].slice(-6)}`).toISOString());
    const av = anchoredVwap(rc.high, rc.low, rc.close, rc.volume, a1030);
    s['avwap_tp_anchor_10:30'].forEach((v: number | null, k: number) => (v === null ? expect(av[k]).toBeNaN() : expect(Math.abs(av[k] - v) / v).toBeLessThan(1e-9)));
    const low = s.avwap_tp_anchor_session_low_bar;
    const aLow = reg.findIndex((b) => b.time === Date.parse(low.anchor_time));
    const al = anchoredVwap(rc.high, rc.low, rc.close, rc.volume, aLow);
    low.values.forEach((v: number | null, k: number) => (v === null ? expect(al[k]).toBeNaN() : expect(Math.abs(al[k] - v) / v).toBeLessThan(1e-9)));
  });

  it('gives no VWAP before the open and holds the closing VWAP after the close', () => {
    const pre = all.findIndex((b) => etDate(b.time) === date && sessionTag(b.time) === 'pre');
    if (pre >= 0) expect(ours[pre]).toBeNaN();
    const post = all.findIndex((b) => etDate(b.time) === date && sessionTag(b.time) === 'post');
    if (post >= 0) expect(ours[post]).toBe(ours[regIdx[regIdx.length - 1]]);
  });
});
