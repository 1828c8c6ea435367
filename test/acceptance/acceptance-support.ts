import request from 'supertest';
import type { TestApp } from '../support/test-app';

/** Wednesday 2024-06-12 11:10 ET: a regular session, so intraday playbooks can fire on synthetic data. */
export const NOW_MS = Date.parse('2024-06-12T15:10:00Z');

export const LIQUID_UNIVERSE = ['SPY', 'QQQ', 'AAPL', 'MSFT', 'NVDA', 'AMD', 'TSLA', 'META', 'AMZN', 'GOOGL', 'NFLX', 'IWM'];

/** The largest universe the contract allows (250 tickers): real names first, then synthetic-only ones. */
export function maxUniverse(): string[] {
  const extra: string[] = [];
  for (let i = 0; extra.length < 250 - LIQUID_UNIVERSE.length; i++) {
    extra.push('Z' + String.fromCharCode(65 + (i % 26)) + String.fromCharCode(65 + Math.floor(i / 26)));
  }
  return [...LIQUID_UNIVERSE, ...extra];
}

export interface FiredPlan {
  plan_id: string;
  version: number;
  symbol: string;
  style: string;
  body: any;
}

/**
 * The first plan that fires a playbook (`plan_id` not null) among the liquid names, through HTTP.
 * Which symbol fires depends on the synthetic data, so the test does not pin one.
 */
export async function firstFiredPlan(t: TestApp, headers: Record<string, string> = {}, path = '/gpt/plan'): Promise<FiredPlan> {
  const tried: string[] = [];
  for (const style of ['intraday', 'swing', 'scalp', 'leaps']) {
    for (const symbol of LIQUID_UNIVERSE) {
      const r = await request(t.http).post(path).set(headers).send({ symbol, style });
      if (r.status !== 200) throw new Error(`${path} ${symbol} ${style} → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
      if (typeof r.body.plan_id === 'string') return { plan_id: r.body.plan_id, version: r.body.version, symbol, style, body: r.body };
      tried.push(`${symbol}/${style}: ${r.body.status}`);
    }
  }
  throw new Error(`no playbook fired on ${path} for any of ${tried.length} symbol/style pairs: ${tried.join(', ')}`);
}

/** Where a payload states its provenance: at the top, in `meta`, or in the persisted `plan` (idea envelope). */
export function provenance(body: any): { data_source?: unknown; as_of?: unknown } {
  for (const node of [body, body?.meta, body?.plan]) {
    if (node && typeof node === 'object' && node.data_source !== undefined && node.as_of !== undefined) {
      return { data_source: node.data_source, as_of: node.as_of };
    }
  }
  return { data_source: body?.data_source ?? body?.meta?.data_source, as_of: body?.as_of ?? body?.meta?.as_of };
}
