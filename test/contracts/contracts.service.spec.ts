/**
 * ContractsService with fake data ports built from the recorded SPY chain (no network, no adapter).
 */
import { Test } from '@nestjs/testing';
import { ContractsService } from '../../src/modules/contracts/contracts.service';
import { MARKET_DATA_PORT, OPTIONS_DATA_PORT, type MarketDataPort, type OptionsDataPort } from '../../src/modules/data-ports/data-ports';
import { CLOCK, type OptionChain } from '../../src/providers/provider.types';
import { SPY_CHAIN_FILE, SPY_NOW_MS, SPY_SPOT, tradierChain } from './chain-fixtures';

function fakeOptions(opts: { fail?: boolean } = {}) {
  const contracts = tradierChain(SPY_CHAIN_FILE);
  const calls: string[] = [];
  const port: OptionsDataPort = {
    async getExpirations(u) {
      calls.push(`exp:${u}`);
      if (opts.fail) throw new Error('tradier down');
      return { underlying: u, expirations: ['2018-04-04', '2018-06-15'], data_source: 'tradier', as_of: '2018-04-03T20:15:00.000Z', stale: false };
    },
    async getChain(req) {
      calls.push(`chain:${req.expiration}`);
      const chain: OptionChain = {
        underlying: req.underlying,
        underlying_price: null,
        contracts: contracts.filter((c) => c.expiration === req.expiration),
        data_source: 'tradier',
        as_of: '2018-04-03T20:15:00.000Z',
        stale: false,
      };
      return chain;
    },
  };
  return { port, calls };
}

const market: MarketDataPort = {
  getBars: async () => {
    throw new Error('not used');
  },
  getQuote: async (symbol) => ({ symbol, last: SPY_SPOT, time: SPY_NOW_MS, data_source: 'fake', as_of: '2018-04-03T20:15:00.000Z', stale: false }),
};

async function service(opts: { fail?: boolean } = {}) {
  const opt = fakeOptions(opts);
  const mod = await Test.createTestingModule({
    providers: [ContractsService, { provide: OPTIONS_DATA_PORT, useValue: opt.port }, { provide: MARKET_DATA_PORT, useValue: market }, { provide: CLOCK, useValue: { now: () => SPY_NOW_MS } }],
  }).compile();
  return { svc: mod.get(ContractsService), calls: opt.calls };
}

describe('ContractsService.suggestForPlan', () => {
  it('long intraday plan → the 261 C with scenario P/L at stop/targets, sizing, and source', async () => {
    const { svc, calls } = await service();
    const res = await svc.suggestForPlan({ symbol: 'spy', direction: 'long', style: 'intraday', entry: 260.8, stop: 259.8, targets: [262, 263] });
    // Only the 2018-04-04 expiration lies in the intraday DTE window (0–7, ±2): one chain call.
    expect(calls).toEqual(['exp:SPY', 'chain:2018-04-04']);
    expect(res.options_note).toBeNull();
    expect(res.options_contracts).toHaveLength(1);
    const c = res.options_contracts[0] as any;
    expect(c.symbol).toBe('SPY180404C00261000');
    expect(c.label).toBe('SPY 2018-04-04 261C');
    expect(c.greeks_source).toBe('computed');
    expect(c.scenario.method).toBe('greeks');
    expect(c.pnl.at_stop).toBeLessThan(0);
    expect(c.pnl.at_tp1).toBeGreaterThan(0);
    expect(c.pnl.at_tp2).toBeGreaterThan(c.pnl.at_tp1);
    // Sizing from the default $100 risk budget: risk per contract is the stop loss (< premium 128.5).
    expect(c.sizing.risk_amount).toBe(100);
    expect(c.sizing.risk_basis).toBe('stop_scenario');
    expect(c.sizing.contracts).toBe(Math.floor(100 / c.sizing.risk_per_contract));
    expect(c.data_source).toBe('tradier');
    expect(c.quote_session).toBe('regular_close');
  });

  it('nothing qualifies → empty list and a note naming the gates', async () => {
    const { svc } = await service();
    // Short → puts; swing wants 10–45 DTE: the only in-window expiration fetched (2018-06-15) has no rows here.
    const res = await svc.suggestForPlan({ symbol: 'SPY', direction: 'short', style: 'swing', entry: 260, stop: 262, targets: [255] });
    expect(res.options_contracts).toEqual([]);
    expect(res.options_note).toMatch(/No put contracts/);
  });

  it('chain failure → empty list and a note, never a throw', async () => {
    const { svc } = await service({ fail: true });
    const res = await svc.suggestForPlan({ symbol: 'SPY', direction: 'long', style: 'intraday', entry: 260, stop: 259, targets: [262] });
    expect(res).toEqual({ options_contracts: [], options_note: 'Options chain unavailable: tradier down' });
  });
});
