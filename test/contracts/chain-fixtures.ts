/**
 * Small parsers for the recorded option chains in the shared fixtures (read in place — their
 * licences do not allow copying). Independent of the Tradier adapter on purpose.
 */
import { parse } from 'csv-parse/sync';
import { etWallToUtc } from '../../src/core/session/et-time';
import type { OptionContract } from '../../src/providers/provider.types';
import { readFixtureJson, readFixtureText } from '../support/fixtures';

export const PLTR_CHAIN_FILE = 'v1_markets_options_chains_PLTR_2026-06-18_greeks_2024-06-28.json';
export const SPY_CHAIN_FILE = 'v1_markets_options_chains_SPY_2018-04-04_nogreeks.json';
export const TWX_CHAIN_FILE = 'lean_twx_chain_snapshots_2014-06-05.csv';

/** PLTR recorded 2024-06-28 16:06 GMT (12:06 ET, market open); stock quote last 25.50 (quotes fixture). */
export const PLTR_NOW_MS = Date.parse('2024-06-28T16:06:00Z');
export const PLTR_SPOT = 25.5;
/**
 * The SPY chain (expiring 2018-04-04) was recorded after the 2018-04-03 close (quote times up to
 * 20:14 UTC); SPY closed at 260.77 that day (LEAN daily bars), which put-call parity on the chain
 * confirms (262 C 0.825 − 262 P 2.06 ≈ 260.77 − 262).
 */
export const SPY_NOW_MS = etWallToUtc('2018-04-03', 16, 15);
export const SPY_SPOT = 260.77;

interface TradierOption {
  symbol: string;
  underlying: string;
  strike: number;
  bid: number | null;
  ask: number | null;
  last: number | null;
  volume: number | null;
  open_interest: number | null;
  expiration_date: string;
  option_type: 'call' | 'put';
  greeks?: { delta: number; gamma: number; theta: number; vega: number; rho: number; mid_iv: number } | null;
}

export function tradierChain(file: string): OptionContract[] {
  const body = readFixtureJson<{ options: { option: TradierOption[] } }>('providers', 'tradier', file);
  return body.options.option.map((o) => ({
    symbol: o.symbol,
    underlying: o.underlying,
    expiration: o.expiration_date,
    type: o.option_type,
    strike: o.strike,
    bid: o.bid,
    ask: o.ask,
    last: o.last,
    volume: o.volume,
    open_interest: o.open_interest,
    iv: o.greeks ? o.greeks.mid_iv : null,
    delta: o.greeks ? o.greeks.delta : null,
    gamma: o.greeks ? o.greeks.gamma : null,
    theta: o.greeks ? o.greeks.theta : null,
    vega: o.greeks ? o.greeks.vega : null,
    rho: o.greeks ? o.greeks.rho : null,
    greeks_source: o.greeks ? 'vendor' : null,
  }));
}

export interface TwxSnapshot {
  nowMs: number;
  spot: number;
  contracts: OptionContract[];
}

/** One snapshot of the LEAN TWX chain: `time` is '10:00' or '15:59' on 2014-06-05 ET. */
export function twxSnapshot(time: '10:00' | '15:59'): TwxSnapshot {
  const rows = parse(readFixtureText('options', TWX_CHAIN_FILE), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const picked = rows.filter((r) => r.snapshot_time.slice(11, 16) === time);
  const numOrNull = (s: string) => (s === '' || s === undefined ? null : Number(s));
  const spotRow = picked[0];
  const bid = Number(spotRow.underlying_bid);
  const ask = Number(spotRow.underlying_ask);
  return {
    nowMs: Date.parse(spotRow.snapshot_time),
    spot: bid > 0 && ask >= bid ? (bid + ask) / 2 : Number(spotRow.underlying_last),
    contracts: picked.map((r) => ({
      symbol: r.contract,
      underlying: r.underlying,
      expiration: r.expiration,
      type: r.right as 'call' | 'put',
      strike: Number(r.strike),
      bid: numOrNull(r.bid),
      ask: numOrNull(r.ask),
      last: numOrNull(r.last_trade_price),
      volume: numOrNull(r.volume_to_snapshot),
      open_interest: numOrNull(r.open_interest),
    })),
  };
}
