/**
 * Cold synthetic generation gives the event loop back (issue 13 item 2): a new symbol's daily path and
 * minute days are built in slices between `setImmediate` turns, and the bars are exactly those a
 * synchronous build gives, whatever the order or overlap of the requests. (How long the loop stays
 * blocked is measured by `npm run bench -- synthetic-cold`, not here.)
 */
import { FixedClock, SyntheticMarketDataProvider } from '../../../src/providers/embedded';
import { sliceYields } from '../../../src/providers/embedded/cpu-slices';
import { configureSyntheticPathCache, dailyPoint, preparePath } from '../../../src/providers/embedded/synthetic-path';
import type { BarsRequest } from '../../../src/providers/provider.types';

const NOW = Date.parse('2024-06-12T18:00:00Z'); // a Wednesday, 14:00 ET
const make = () => new SyntheticMarketDataProvider({ clock: new FixedClock(NOW) });
const strip = (r: { bars: unknown[]; as_of: string }) => ({ bars: r.bars, as_of: r.as_of });

describe('cold synthetic generation in slices', () => {
  afterAll(() => configureSyntheticPathCache());

  it('lets a callback queued before a cold request run before the request resolves', async () => {
    configureSyntheticPathCache();
    const y0 = sliceYields();
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    // a new path since 2000 and ~30 days of minute bars resampled to 1h: many slices of CPU
    await make()
      .getBars({ symbol: 'SLICEA', interval: '1h', limit: 100 })
      .then(() => order.push('cold request'));
    expect(order).toEqual(['other work', 'cold request']);
    expect(sliceYields() - y0).toBeGreaterThanOrEqual(2);
  });

  it('gives the same bars sequentially, overlapping in reverse order, and from warm caches', async () => {
    const reqs: BarsRequest[] = [
      { symbol: 'SLICEB', interval: '4h', limit: 40 },
      { symbol: 'SLICEB', interval: '1h', limit: 80 },
      { symbol: 'SLICEC', interval: '1D', limit: 60 },
      { symbol: 'SLICEB', interval: '5m', limit: 300, extendedHours: false },
      { symbol: 'SLICEC', interval: '1W', limit: 12 },
      { symbol: 'SLICEB', interval: '1m', from: NOW - 2 * 86_400_000 },
    ];
    configureSyntheticPathCache();
    const seq = make();
    const one: unknown[] = [];
    for (const r of reqs) one.push(strip(await seq.getBars(r)));
    configureSyntheticPathCache(); // cold again: paths and minute days rebuilt while the requests overlap
    const both = make();
    const overlapped = (await Promise.all([...reqs].reverse().map((r) => both.getBars(r)))).reverse().map(strip);
    expect(overlapped).toEqual(one);
    const warm = await Promise.all(reqs.map((r) => both.getBars(r)));
    expect(warm.map(strip)).toEqual(one);
    expect((one[0] as { bars: unknown[] }).bars).toHaveLength(40);
  });

  it('preparing a path ahead gives the same daily points as building it on demand', async () => {
    configureSyntheticPathCache();
    const onDemand = ['2000-01-03', '2008-10-10', '2024-06-11'].map((d) => dailyPoint('SLICED', d));
    configureSyntheticPathCache();
    await preparePath('SLICED', '2024-06-15'); // a Saturday: up to the Friday before
    expect(['2000-01-03', '2008-10-10', '2024-06-11'].map((d) => dailyPoint('SLICED', d))).toEqual(onDemand);
    expect(onDemand.every((p) => p !== null && p.close > 0)).toBe(true);
  });
});
