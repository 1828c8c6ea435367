import { loadConfig } from '../../config/load-config';
import type { BarsQuery, MarketDataPort } from '../data-ports/data-ports';
import { fixtureBars } from '../../../test/support/bars';
import { tempDataDir } from '../../../test/support/test-app';
import { CalibrationService } from './calibration.service';
import { VendorHistoryService } from './vendor-history.service';

/** A vendor port serving the recorded SPY minutes (2021-07-01…08-13) under a vendor's name. */
function fakeVendor(label: string, calls: BarsQuery[]): MarketDataPort {
  const minutes = fixtureBars('lumibot_spy_1m_ext_2021-07-01_2021-08-13.csv');
  return {
    getBars: async (q) => {
      calls.push(q);
      const bars = minutes.filter((b) => b.time >= (q.from ?? 0) && b.time <= (q.to ?? Infinity));
      return { symbol: q.symbol, interval: q.interval, bars, data_source: label, as_of: new Date(bars.at(-1)!.time).toISOString(), stale: false };
    },
    getQuote: async () => {
      throw new Error('not used');
    },
  };
}

describe('VendorHistoryService: odds for plans on a vendor with no prior calibration run', () => {
  const asOf = Date.parse('2021-08-12T15:00:00Z');
  const input = { strategy_id: 'orb_retest', style: 'scalp' as const, tp1_atr: 1.5, rr_to_t1: 1.5, rr: [1.5, 2.5] };

  it('measures the sessions before the plan day through the port, once per (vendor, symbol, day), then plans state measured odds', async () => {
    const calibration = new CalibrationService(loadConfig({ NODE_ENV: 'test', DATA_DIR: tempDataDir() }));
    const calls: BarsQuery[] = [];
    const svc = new VendorHistoryService(fakeVendor('polygon', calls), calibration);
    expect(calibration.lookupFor('polygon')(input, asOf).probabilities.tp1).toBeNull();
    const job = svc.request('polygon', 'SPY', asOf);
    expect(job.state).toBe('running');
    expect(job.reason).toMatch(/measuring polygon history for SPY \(22 sessions before 2021-08-12\)/);
    expect(svc.request('polygon', 'spy', asOf + 3_600_000).done).toBe(job.done); // same day: the same job
    await job.done;
    expect(svc.request('polygon', 'SPY', asOf).state).toBe('ready');
    // one ranged request of regular-session minutes ending before the plan's day
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ symbol: 'SPY', interval: '1m', extendedHours: false });
    expect(calls[0].to!).toBeLessThan(Date.parse('2021-08-12T04:00:00Z'));
    const odds = calibration.lookupFor('polygon')(input, asOf);
    expect(odds.meta).toMatchObject({ calibrated: true, data_source: 'polygon', method: 'rr_adjusted_hit_rate' });
    expect(odds.meta.n!).toBeGreaterThanOrEqual(30);
    expect(Date.parse(odds.meta.window!.to)).toBeLessThan(asOf);
    expect(calibration.statuses()).toEqual([expect.objectContaining({ source: 'polygon', state: 'ready', symbols: ['SPY'] })]);
  });

  it('history that came from a fallback source is refused, with the reason stated', async () => {
    const calibration = new CalibrationService(loadConfig({ NODE_ENV: 'test', DATA_DIR: tempDataDir() }));
    const svc = new VendorHistoryService(fakeVendor('synthetic', []), calibration);
    await svc.request('polygon', 'SPY', asOf).done;
    const after = svc.request('polygon', 'SPY', asOf);
    expect(after.state).toBe('failed');
    expect(after.reason).toMatch(/history came from synthetic, not polygon/);
    expect(calibration.book('polygon')).toBeNull();
  });
});
