/**
 * The volatility block on LEAN SPY daily bars against reference/historical_volatility_reference.json
 * (computed independently with numpy): HV20/60/120 (log returns, sample stdev, ×√252) and, for the
 * hv20_proxy basis, IV rank / IV percentile of HV20 over 252 days (its vol_rank_percentile_example).
 */
import { ContextService } from '../../src/modules/context/context.service';
import { computeVolatilityRegime } from '../../src/modules/context/volatility-regime';
import { etWallToUtc } from '../../src/core/session/et-time';
import { atmIv } from '../../src/core/volatility';
import { readFixtureJson } from '../support/fixtures';
import { twxSnapshot } from '../contracts/chain-fixtures';
import { FakeMarket, spyDaily } from './fake-market';

interface HvRef {
  series: Record<string, { dates: string[]; [k: string]: Array<number | null> | string[] | string }>;
  vol_rank_percentile_example: { dates: string[]; rank_252: Array<number | null>; percentile_252: Array<number | null> };
}

const ref = readFixtureJson<HvRef>('reference', 'historical_volatility_reference.json');
const s = ref.series['lean_spy_1d_raw_2018-01-02_2021-03-31'];
const dates = s.dates;
const col = (k: string) => s[k] as Array<number | null>;
const rankRef = ref.vol_rank_percentile_example;

const REF_DATES = ['2018-07-02', '2019-01-31', '2019-06-28', '2020-03-16', '2020-03-23', '2020-12-31', '2021-03-31'];

describe('volatility_regime vs historical_volatility_reference.json', () => {
  it.each(REF_DATES)('HV20/60/120 (percent) at %s', (date) => {
    const asOf = Date.parse(`${date}T00:00:00Z`);
    const daily = spyDaily()
      .filter((b) => b.time <= asOf)
      .slice(-300);
    const v = computeVolatilityRegime({ dailyBars: daily, chain: [], spot: null, nowMs: etWallToUtc(date, 16, 30) });
    const i = dates.indexOf(date);
    for (const [field, key] of [
      ['hv_20', 'HV20_log_ddof1_ann252'],
      ['hv_60', 'HV60_log_ddof1_ann252'],
      ['hv_120', 'HV120_log_ddof1_ann252'],
    ] as const) {
      const expected = col(key)[i];
      if (expected === null) {
        expect(v[field]).toBeNull();
      } else {
        // Reference is a fraction; the block reports percent rounded to 4 dp.
        expect(Math.abs((v[field] as number) - expected * 100)).toBeLessThan(1e-4);
      }
    }
  });

  it.each(REF_DATES.filter((d) => d >= '2019-01-31'))('hv20_proxy IV rank / percentile at %s', (date) => {
    const asOf = Date.parse(`${date}T00:00:00Z`);
    const daily = spyDaily()
      .filter((b) => b.time <= asOf)
      .slice(-300);
    const v = computeVolatilityRegime({ dailyBars: daily, chain: [], spot: null, nowMs: etWallToUtc(date, 16, 30) });
    const i = rankRef.dates.indexOf(date);
    expect(v.iv_rank_basis).toBe('hv20_proxy');
    expect(Math.abs((v.iv_rank as number) - (rankRef.rank_252[i] as number))).toBeLessThan(0.006);
    expect(Math.abs((v.iv_percentile as number) - (rankRef.percentile_252[i] as number))).toBeLessThan(0.006);
    expect(v.iv_atm).toBeNull();
    // Without IV the expected move falls back to HV20 over 1 and 21 trading days: spot·σ·√(d/252).
    expect(v.expected_move_basis).toBe('hv20');
    const spot = daily[daily.length - 1].close;
    const hv = col('HV20_log_ddof1_ann252')[dates.indexOf(date)] as number;
    expect(v.expected_move[0].move).toBeCloseTo(spot * hv * Math.sqrt(1 / 252), 2);
    expect(v.expected_move[1].move).toBeCloseTo(spot * hv * Math.sqrt(21 / 252), 2);
  });

  it('regime label follows iv_rank (2020-03-23: HV20 at its 252-day high → extreme)', () => {
    const asOf = Date.parse('2020-03-23T00:00:00Z');
    const v = computeVolatilityRegime({
      dailyBars: spyDaily()
        .filter((b) => b.time <= asOf)
        .slice(-300),
      chain: [],
      spot: null,
      nowMs: asOf,
    });
    expect(v.iv_rank).toBeGreaterThanOrEqual(90);
    expect(v.regime_label).toBe('extreme');
  });

  it('uses the stored ATM-IV history once it has 60+ days, else says hv20_proxy', () => {
    const snap = twxSnapshot('10:00');
    const daily = spyDaily().slice(-300);
    const short = computeVolatilityRegime({ dailyBars: daily, chain: snap.contracts, spot: snap.spot, nowMs: snap.nowMs, ivHistoryPct: new Array(59).fill(20) });
    expect(short.iv_rank_basis).toBe('hv20_proxy');
    const hist = Array.from({ length: 100 }, (_, k) => 10 + k * 0.2); // 10 … 29.8 %
    const long = computeVolatilityRegime({ dailyBars: daily, chain: snap.contracts, spot: snap.spot, nowMs: snap.nowMs, ivHistoryPct: hist });
    expect(long.iv_rank_basis).toBe('atm_iv_history');
    // Rank of today's IV within [history…, today], by the definition min/max over the window.
    const iv = long.iv_atm as number;
    const all = [...hist, iv];
    const expected = ((iv - Math.min(...all)) / (Math.max(...all) - Math.min(...all))) * 100;
    expect(long.iv_rank).toBeCloseTo(expected, 2);
  });

  it('ATM IV is the 30-day constant-maturity value from the chain (TWX, 5 expirations), IV/HV = iv_atm / hv_20', () => {
    const snap = twxSnapshot('10:00');
    const daily = spyDaily().slice(-300);
    const v = computeVolatilityRegime({ dailyBars: daily, chain: snap.contracts, spot: snap.spot, nowMs: snap.nowMs });
    const direct = atmIv(snap.contracts, snap.spot, snap.nowMs, 30);
    expect(v.iv_atm).toBeCloseTo(direct.constantMaturityIv * 100, 3);
    expect(v.iv_atm!).toBeGreaterThan(5);
    expect(v.iv_atm!).toBeLessThan(80);
    expect(v.iv_to_hv_ratio).toBeCloseTo(v.iv_atm! / v.hv_20!, 3);
    expect(v.expected_move_basis).toBe('iv_atm');
    expect(v.expected_move[1].move).toBeCloseTo(snap.spot * (v.iv_atm! / 100) * Math.sqrt(30 / 365), 2);
  });

  it('ContextService.volatility asks for ≥ 273 daily bars (252 HV20 values need 272 closes)', async () => {
    const asOf = Date.parse('2021-03-31T00:00:00Z');
    const market = new FakeMarket(asOf);
    const svc = new ContextService(market, { now: () => etWallToUtc('2021-03-31', 16, 30) });
    const { value } = await svc.volatility('SPY');
    expect(market.calls[0].limit).toBeGreaterThanOrEqual(273);
    const i = dates.indexOf('2021-03-31');
    expect(Math.abs(value.hv_20! - (col('HV20_log_ddof1_ann252')[i] as number) * 100)).toBeLessThan(1e-4);
    expect(value.notes).toContain('no options provider configured');
  });
});
