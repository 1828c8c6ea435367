import { Histogram, Registry } from 'prom-client';
import { histogramBetween, parseHistogram } from './histogram-window';

describe('percentiles of a cumulative histogram between two scrapes', () => {
  it('reads prom-client exposition and computes p99 and the share above a bound by hand-checked numbers', async () => {
    const registry = new Registry();
    const h = new Histogram({ name: 'eventloop_delay_seconds', help: 'x', buckets: [0.01, 0.05, 0.1], registers: [registry] });
    for (let i = 0; i < 50; i++) h.observe(0.2); // before the period: must not count
    const a = parseHistogram(await registry.metrics(), 'eventloop_delay_seconds');
    expect(a).toEqual({ le: [0.01, 0.05, 0.1, Infinity], count: [0, 0, 0, 50] });
    // the period: 900 samples ≤ 10 ms, 80 in (10, 50] ms, 20 in (50, 100] ms
    for (let i = 0; i < 900; i++) h.observe(0.005);
    for (let i = 0; i < 80; i++) h.observe(0.03);
    for (let i = 0; i < 20; i++) h.observe(0.07);
    const b = parseHistogram(await registry.metrics(), 'eventloop_delay_seconds');
    const r = histogramBetween(a, b, 0.99, 0.05);
    expect(r.n).toBe(1000);
    expect(r.above).toBeCloseTo(0.02, 12); // 20 of 1000 above 50 ms
    // rank 990 falls in (0.05, 0.1] holding ranks 981–1000: 0.05 + 0.05 × (990 − 980) / 20
    expect(r.quantile).toBeCloseTo(0.075, 12);
    // p50: rank 500 in the first bucket: 0 + 0.01 × 500 / 900
    expect(histogramBetween(a, b, 0.5, 0.05).quantile).toBeCloseTo(0.01 * (500 / 900), 12);
  });

  it('says NaN for no samples and for a threshold that is not a bound; the +Inf bucket gives its lower bound', () => {
    const a = { le: [0.05, Infinity], count: [10, 10] };
    expect(histogramBetween(a, a, 0.99, 0.05)).toEqual({ n: 0, quantile: NaN, above: NaN });
    const b = { le: [0.05, Infinity], count: [10, 20] };
    expect(histogramBetween(a, b, 0.99, 0.05)).toEqual({ n: 10, quantile: 0.05, above: 1 });
    expect(histogramBetween(a, b, 0.99, 0.02).above).toBeNaN();
  });
});
