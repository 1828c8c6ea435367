/**
 * POST /gpt/contracts over HTTP (minimal app, fake options port over the recorded SPY 2018-04-04 chain).
 */
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ContractsController } from '../../src/modules/contracts/contracts.controller';
import { ContractsService } from '../../src/modules/contracts/contracts.service';
import { MARKET_DATA_PORT, OPTIONS_DATA_PORT, type OptionsDataPort } from '../../src/modules/data-ports/data-ports';
import { CLOCK } from '../../src/providers/provider.types';
import { minimalApp } from '../context/minimal-app';
import { SPY_CHAIN_FILE, SPY_NOW_MS, SPY_SPOT, tradierChain } from './chain-fixtures';

const contracts = tradierChain(SPY_CHAIN_FILE);
const AS_OF = '2018-04-03T20:14:59.000Z';
const options: OptionsDataPort = {
  getExpirations: async (u) => ({ underlying: u, expirations: ['2018-04-04'], data_source: 'tradier', as_of: AS_OF, stale: false }),
  getChain: async (req) => ({
    underlying: req.underlying,
    underlying_price: SPY_SPOT,
    contracts: contracts.filter((c) => !req.expiration || c.expiration === req.expiration),
    data_source: 'tradier',
    as_of: AS_OF,
    stale: false,
  }),
};

describe('POST /gpt/contracts', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  beforeAll(async () => {
    app = await minimalApp(
      [ContractsController],
      [
        ContractsService,
        { provide: OPTIONS_DATA_PORT, useValue: options },
        { provide: MARKET_DATA_PORT, useValue: { getBars: async () => ({}), getQuote: async () => ({}) } },
        { provide: CLOCK, useValue: { now: () => SPY_NOW_MS } },
      ],
    );
  });
  afterAll(async () => app.close());

  it('ranks with the response keys, scenario method, sizing and provenance', async () => {
    const res = await http()
      .post('/gpt/contracts')
      .send({ symbol: 'spy', side: 'long', style: 'scalp', entry: 260.77, stop: 259.77, targets: [261.77, 262.77], risk_amount: 500, min_delta: 0.5, max_delta: 0.7 })
      .expect(200);
    const b = res.body;
    for (const k of ['best', 'alternatives', 'table', 'rejections', 'relaxed_filters', 'relaxation_reasons', 'data_source', 'as_of']) expect(b).toHaveProperty(k);
    expect(b.side).toBe('call');
    expect(b.data_source).toBe('tradier');
    expect(b.as_of).toBe(AS_OF);
    expect(b.quote_session).toBe('regular_close');
    expect(b.relaxed_filters).toBe(false);
    // |Δ| 0.50–0.70 after the close (spread ≤ 10 %, OI ≥ 500): 259 C and 260 C (SciPy Δ 0.688, 0.592).
    expect(b.best.map((c: { symbol: string }) => c.symbol).sort()).toEqual(['SPY180404C00259000', 'SPY180404C00260000']);
    const top = b.best[0];
    expect(top.score.total).toBe(top.tradeability);
    expect(b.best[0].tradeability).toBeGreaterThanOrEqual(b.best[1].tradeability);
    expect(top.scenario.method).toBe('greeks');
    expect(top.scenario.points.map((p: { label: string }) => p.label)).toEqual(['stop', 'tp1', 'tp2', 'horizon']);
    expect(top.pnl.at_stop).toBeLessThan(0);
    expect(top.sizing.risk_amount).toBe(500);
    expect(top.sizing.contracts).toBe(Math.floor(500 / top.sizing.risk_per_contract));
    expect(b.table.length).toBe(2);
    expect(res.text.length).toBeLessThan(100_000);
  });

  it('risk_amount never filters: $1 budget gives the same picks with 0 contracts', async () => {
    const body = { symbol: 'SPY', side: 'call', style: 'intraday' };
    const a = await http()
      .post('/gpt/contracts')
      .send({ ...body, risk_amount: 100_000 })
      .expect(200);
    const b = await http()
      .post('/gpt/contracts')
      .send({ ...body, risk_amount: 1 })
      .expect(200);
    expect(b.body.best.map((c: { symbol: string }) => c.symbol)).toEqual(a.body.best.map((c: { symbol: string }) => c.symbol));
    expect(b.body.best[0].sizing.contracts).toBe(0);
    expect(b.body.best[0].sizing.note).toMatch(/more than risk_amount/);
  });

  it('nothing passes → empty best and rejections per gate with counts', async () => {
    // The volume gate is not on the ladder: an impossible minimum volume leaves nothing after every step.
    const res = await http().post('/gpt/contracts').send({ symbol: 'SPY', side: 'put', style: 'intraday', min_oi: 100000, min_volume: 100_000_000 }).expect(200);
    expect(res.body.best).toEqual([]);
    expect(res.body.alternatives).toEqual([]);
    expect(res.body.relaxed_filters).toBe(true);
    const by = Object.fromEntries(res.body.rejections.map((r: { reason: string }) => [r.reason, r]));
    expect(by.VOLUME_TOO_LOW.gate).toBe('min_volume');
    expect(by.SIDE_MISMATCH.count).toBe(90);
    const total = res.body.rejections.reduce((a: number, r: { count: number }) => a + r.count, 0);
    expect(total).toBe(180); // every contract counted once, under its first failing gate
    expect(res.body.relaxation_reasons).toEqual(['delta_widened', 'dte_widened', 'spread_widened', 'min_oi_1000', 'min_oi_700', 'min_oi_500', 'min_oi_300']);
  });

  const bad: Array<[string, object, string]> = [
    ['negative risk_amount', { symbol: 'SPY', side: 'call', risk_amount: -5 }, 'risk_amount'],
    ['zero risk_amount', { symbol: 'SPY', side: 'call', risk_amount: 0 }, 'risk_amount'],
    ['bad symbol', { symbol: 'S P Y', side: 'call' }, 'symbol'],
    ['unknown side', { symbol: 'SPY', side: 'sideways' }, 'side'],
    ['unknown style', { symbol: 'SPY', side: 'call', style: 'yolo' }, 'style'],
    ['bad expiry', { symbol: 'SPY', side: 'call', expiry: '04/04/2018' }, 'expiry'],
    ['delta > 1', { symbol: 'SPY', side: 'call', max_delta: 1.5 }, 'max_delta'],
    ['negative target', { symbol: 'SPY', side: 'call', targets: [-1] }, 'targets'],
    ['unknown key', { symbol: 'SPY', side: 'call', foo: 1 }, 'foo'],
  ];
  it.each(bad)('%s → 400 naming the field', async (_n, body, field) => {
    const res = await http().post('/gpt/contracts').send(body).expect(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  // each field fits the schema, together they cannot be served (docs/api-contract.md, 422)
  const conflicting: Array<[string, object, string]> = [
    ['no side, bias or plan_id', { symbol: 'SPY' }, 'side'],
    ['min_delta > max_delta', { symbol: 'SPY', side: 'call', min_delta: 0.6, max_delta: 0.4 }, 'min_delta'],
    ['min_dte > max_dte', { symbol: 'SPY', side: 'call', min_dte: 30, max_dte: 7 }, 'min_dte'],
  ];
  it.each(conflicting)('%s → 422 naming the field', async (_n, body, field) => {
    const res = await http().post('/gpt/contracts').send(body).expect(422);
    expect(res.body.error).toBe('unprocessable_request');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });
});
