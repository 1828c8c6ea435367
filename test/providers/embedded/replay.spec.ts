import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixturePath } from '../../support/fixtures';
import { fixtureBars } from '../../support/bars';
import { ReplayClock, ReplayMarketDataProvider } from '../../../src/providers/embedded';

function replayDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-replay-'));
  for (const [name, src] of Object.entries(files)) fs.copyFileSync(fixturePath('bars', src), path.join(dir, name));
  return dir;
}

describe('CSV replay with a replay clock', () => {
  const dir = replayDir({ 'SPY_1m.csv': 'lean_spy_1m_2013-10-04_2013-10-11.csv', 'SPY_1D.csv': 'lean_spy_1d_raw_1998-01-02_2021-03-31.csv' });
  const source = fixtureBars('lean_spy_1m_2013-10-04_2013-10-11.csv');

  it('finds the replay window from the intraday files: first regular open … after the last bar', () => {
    const w = ReplayClock.windowOf(dir)!;
    expect(new Date(w.start).toISOString()).toBe('2013-10-04T13:30:00.000Z');
    expect(new Date(w.end).toISOString()).toBe('2013-10-12T00:00:00.000Z'); // last bar 19:59 ET + 1 min
  });

  it('at 60× speed the latest 1-minute bar advances by one bar per wall second', async () => {
    let wall = 1_000_000;
    const start = Date.parse('2013-10-07T09:30:00-04:00');
    const clock = new ReplayClock({ mode: 'live', speed: 60, start, end: Date.parse('2013-10-11T20:00:00-04:00'), wallNow: () => wall });
    const p = new ReplayMarketDataProvider({ dir, clock });
    wall += 120_000; // 2 wall minutes → 2 replay hours
    const a = await p.getBars({ symbol: 'SPY', interval: '1m', limit: 5 });
    wall += 10_000; // 10 wall seconds → 10 replay minutes
    const b = await p.getBars({ symbol: 'SPY', interval: '1m', limit: 5 });
    const lastA = a.bars[a.bars.length - 1].time;
    const lastB = b.bars[b.bars.length - 1].time;
    expect((lastB - lastA) / 60_000).toBe(10);
    expect(lastA).toBe(Date.parse('2013-10-07T11:29:00-04:00')); // the 11:29 bar closed at 11:30 replay time
    expect(a).toMatchObject({ data_source: 'replay', stale: false, symbol: 'SPY' });
    // the bars are the recorded ones, unchanged
    const rec = source.find((x) => x.time === lastB)!;
    expect(b.bars[b.bars.length - 1]).toEqual(rec);
  });

  it('loops back to the start after the end of the recording', () => {
    let wall = 0;
    const clock = new ReplayClock({ mode: 'live', speed: 60, start: 0, end: 600_000, wallNow: () => wall });
    wall = 9_000; // 540 s replay
    expect(clock.now()).toBe(540_000);
    wall = 11_000; // 660 s → loops to 60 s
    expect(clock.now()).toBe(60_000);
  });

  it('in end mode shows every bar and nothing moves', async () => {
    const w = ReplayClock.windowOf(dir)!;
    const clock = new ReplayClock({ mode: 'end', speed: 60, ...w });
    const p = new ReplayMarketDataProvider({ dir, clock });
    const all = await p.getBars({ symbol: 'SPY', interval: '1m', from: 0 });
    expect(all.bars).toEqual(source);
  });

  it('resamples intervals without a file from the finest file, equal to an independent aggregation', async () => {
    const clock = new ReplayClock({ mode: 'end', speed: 1, start: 0, end: Date.parse('2013-10-12T00:00:00Z') });
    const p = new ReplayMarketDataProvider({ dir, clock });
    const res = await p.getBars({ symbol: 'SPY', interval: '15m', from: Date.parse('2013-10-08T09:30:00-04:00'), to: Date.parse('2013-10-08T15:59:00-04:00'), extendedHours: false });
    expect(res.bars).toHaveLength(26);
    const t0 = Date.parse('2013-10-08T10:00:00-04:00');
    const members = source.filter((x) => x.time >= t0 && x.time < t0 + 15 * 60_000);
    expect(res.bars[2]).toEqual({
      time: t0,
      open: members[0].open,
      high: Math.max(...members.map((m) => m.high)),
      low: Math.min(...members.map((m) => m.low)),
      close: members[members.length - 1].close,
      volume: members.reduce((s, m) => s + m.volume, 0),
    });
    // the daily file is served as is (not resampled from minutes)
    const d = await p.getBars({ symbol: 'SPY', interval: '1D', limit: 3 });
    expect(d.bars.map((x) => new Date(x.time).toISOString().slice(0, 10))).toEqual(['2013-10-09', '2013-10-10', '2013-10-11']);
  });

  it('says not_found for unknown symbols so the chain can try the synthetic provider', async () => {
    const clock = new ReplayClock({ mode: 'end', speed: 1, start: 0, end: Date.now() });
    await expect(new ReplayMarketDataProvider({ dir, clock }).getBars({ symbol: 'QQQ', interval: '1m' })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(new ReplayMarketDataProvider({ dir: '/nonexistent', clock }).getBars({ symbol: 'SPY', interval: '1m' })).rejects.toMatchObject({ kind: 'not_found' });
  });
});
