/**
 * The after-close ATM-IV job (IvRecorderService.tick) with fakes: runs once per trading day from 10
 * minutes after the close (13:00 on early-close days), over analysed symbols and watchlist tickers,
 * and records each as that session's closing value.
 */
import { etWallToUtc } from '../../src/core/session/et-time';
import type { ContextService } from '../../src/modules/context/context.service';
import { IvRecorderService, type IvHistoryVendor } from '../../src/modules/context/iv-recorder.service';
import type { AtmIvPointInput, IvHistoryApi } from '../../src/persistence/iv-history.types';
import type { WatchlistApi } from '../../src/persistence/watchlist.types';

function setup(startMs: number, vendor?: IvHistoryVendor) {
  const clock = { t: startMs, now: () => clock.t };
  const written: AtmIvPointInput[] = [];
  const store = {
    record: async (p: AtmIvPointInput) => (written.push(p), true),
    recordMany: async (ps: AtmIvPointInput[]) => (written.push(...ps), ps.length),
    tracked: async () => ['SPY', 'AAPL'],
  } as unknown as IvHistoryApi;
  const watchlists = { allTickers: async () => ['AAPL', 'MSFT'] } as unknown as WatchlistApi;
  const asked: string[] = [];
  const context = {
    currentAtmIv: async (s: string) => (asked.push(s), s === 'MSFT' ? null : { iv: 0.2512, method: 'interpolated', expirations: ['a', 'b'], source: 'tradier' }),
  } as unknown as ContextService;
  const svc = new IvRecorderService(context, clock, store, watchlists, vendor);
  return { svc, clock, written, asked };
}

describe('IvRecorderService', () => {
  it('runs once per trading day after the close, over analysed symbols and watchlist tickers', async () => {
    const { svc, clock, written, asked } = setup(etWallToUtc('2024-06-12', 15, 0));
    expect(await svc.tick()).toBeNull(); // session still open
    clock.t = etWallToUtc('2024-06-12', 16, 5);
    expect(await svc.tick()).toBeNull(); // within 10 minutes of the close
    clock.t = etWallToUtc('2024-06-12', 16, 10);
    const out = await svc.tick();
    expect(asked.sort()).toEqual(['AAPL', 'MSFT', 'SPY']);
    expect(out!.map((o) => [o.symbol, o.written, o.iv_atm])).toEqual([
      ['AAPL', true, 25.12],
      ['MSFT', false, null],
      ['SPY', true, 25.12],
    ]);
    expect(written.map((w) => [w.symbol, w.day, w.at_close, w.iv, w.source])).toEqual([
      ['AAPL', '2024-06-12', true, 0.2512, 'tradier'],
      ['SPY', '2024-06-12', true, 0.2512, 'tradier'],
    ]);
    clock.t = etWallToUtc('2024-06-12', 19, 0);
    expect(await svc.tick()).toBeNull(); // once per day
    clock.t = etWallToUtc('2024-06-15', 17, 0); // Saturday: no session
    expect(await svc.tick()).toBeNull();
  });

  it('an early-close day runs from 13:10 ET', async () => {
    const { svc, clock } = setup(etWallToUtc('2024-12-24', 13, 5));
    expect(await svc.tick()).toBeNull();
    clock.t = etWallToUtc('2024-12-24', 13, 10);
    expect(await svc.tick()).not.toBeNull();
  });

  it('backfill writes a vendor’s history as closing values labelled vendor_history:<id>; without a vendor it says so', async () => {
    const vendor: IvHistoryVendor = {
      id: 'orats',
      getAtmIvHistory: async () => [
        { day: '2024-06-10', iv: 0.3 },
        { day: '2024-06-11', iv: 0.31 },
      ],
    };
    const a = setup(etWallToUtc('2024-06-12', 12, 0), vendor);
    expect(await a.svc.backfill('SPY', '2024-06-10', '2024-06-11')).toEqual({ symbol: 'SPY', vendor: 'orats', received: 2, written: 2, note: null });
    expect(a.written.map((w) => [w.day, w.iv, w.source, w.method, w.at_close])).toEqual([
      ['2024-06-10', 0.3, 'vendor_history:orats', 'vendor', true],
      ['2024-06-11', 0.31, 'vendor_history:orats', 'vendor', true],
    ]);
    const b = setup(etWallToUtc('2024-06-12', 12, 0));
    expect(await b.svc.backfill('SPY', '2024-06-10', '2024-06-11')).toMatchObject({ vendor: null, written: 0 });
  });
});

describe('IvRecorderService.recordWithin (on demand, bounded)', () => {
  it('answers within its budget: finished symbols as recorded, a slow one as pending, which still records in the background', async () => {
    const clock = { t: etWallToUtc('2024-06-12', 12, 0), now: () => clock.t };
    const written: AtmIvPointInput[] = [];
    const store = { record: async (p: AtmIvPointInput) => (written.push(p), true), tracked: async () => [] } as unknown as IvHistoryApi;
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const context = {
      currentAtmIv: async (s: string) => {
        if (s === 'SLOW') await slow;
        return { iv: 0.3, method: 'interpolated', expirations: ['a'], source: 'synthetic' };
      },
    } as unknown as ContextService;
    const svc = new IvRecorderService(context, clock, store);
    const t0 = Date.now();
    const out = await svc.recordWithin(['SPY', 'SLOW', 'AAPL'], 100);
    expect(Date.now() - t0).toBeLessThan(2_000); // bounded by the budget, not by SLOW
    expect(out.map((o) => [o.symbol, o.written, o.iv_atm])).toEqual([
      ['SPY', true, 30],
      ['SLOW', false, null],
      ['AAPL', true, 30],
    ]);
    expect(out[1].error).toMatch(/still recording in the background/);
    expect(written.map((w) => w.symbol).sort()).toEqual(['AAPL', 'SPY']);
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(written.map((w) => w.symbol).sort()).toEqual(['AAPL', 'SLOW', 'SPY']);
  });
});
