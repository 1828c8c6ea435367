import { readFixtureJson } from '../../../test/support/fixtures';
import { formatOcc, parseOcc } from './occ';

/** Oracle: Tradier's own fields (root/expiration_date/option_type/strike) next to each OCC symbol in the recordings. */
interface TradierOption {
  symbol: string;
  root_symbol?: string;
  underlying: string;
  expiration_date: string;
  option_type: 'call' | 'put';
  strike: number;
  type?: string;
}

describe('parseOcc / formatOcc', () => {
  const chain = readFixtureJson<{ options: { option: TradierOption[] } }>('providers', 'tradier', 'v1_markets_options_chains_PLTR_2026-06-18_greeks_2024-06-28.json').options.option;
  const quotes = readFixtureJson<{ quotes: { quote: TradierOption[] } }>('providers', 'tradier', 'v1_markets_quotes_SPY_SPY251219P00450000_greeks_2024-06-28.json').quotes.quote.filter(
    (q) => q.type === 'option',
  );

  it('parses every Tradier symbol to Tradier’s own fields and formats it back', () => {
    const all = [...chain, ...quotes];
    expect(all.length).toBe(23);
    for (const o of all) {
      const parts = parseOcc(o.symbol);
      expect(parts).toEqual({ underlying: o.underlying, expiration: o.expiration_date, type: o.option_type, strike: o.strike });
      expect(formatOcc(parts!)).toBe(o.symbol);
    }
  });

  it('SPY251219P00450000 from the brief', () => {
    expect(parseOcc('SPY251219P00450000')).toEqual({ underlying: 'SPY', expiration: '2025-12-19', type: 'put', strike: 450 });
  });

  it('accepts Polygon O: prefix, padded OSI form, fractional strikes, single-letter roots', () => {
    expect(parseOcc('O:AAPL230616C00150000')).toEqual({ underlying: 'AAPL', expiration: '2023-06-16', type: 'call', strike: 150 });
    expect(parseOcc('SPY   251219P00450000')?.underlying).toBe('SPY');
    expect(parseOcc('F240119C00012500')).toEqual({ underlying: 'F', expiration: '2024-01-19', type: 'call', strike: 12.5 });
    expect(formatOcc({ underlying: 'f', expiration: '2024-01-19', type: 'call', strike: 12.5 })).toBe('F240119C00012500');
    expect(formatOcc({ underlying: 'BRK.B', expiration: '2024-01-19', type: 'put', strike: 0.001 })).toBe('BRK.B240119P00000001');
  });

  it.each(['', 'SPY', 'SPY251319P00450000', 'SPY250230P00450000', 'SPY251219X00450000', 'SPY251219P0045000', 'TOOLONGX251219P00450000'])('rejects %p', (s) => expect(parseOcc(s)).toBeNull());

  it('never throws on non-strings and rejects unrepresentable parts', () => {
    expect(parseOcc(undefined as unknown as string)).toBeNull();
    expect(parseOcc(42 as unknown as string)).toBeNull();
    const ok = { underlying: 'SPY', expiration: '2025-12-19', type: 'put' as const, strike: 450 };
    expect(formatOcc({ ...ok, strike: 0 })).toBeNull();
    expect(formatOcc({ ...ok, strike: NaN })).toBeNull();
    expect(formatOcc({ ...ok, strike: 100000 })).toBeNull();
    expect(formatOcc({ ...ok, strike: 450.0005 })).toBeNull();
    expect(formatOcc({ ...ok, expiration: '2025-02-30' })).toBeNull();
    expect(formatOcc({ ...ok, expiration: '1999-12-17' })).toBeNull();
    expect(formatOcc({ ...ok, underlying: '' })).toBeNull();
    expect(formatOcc(null as never)).toBeNull();
  });
});
