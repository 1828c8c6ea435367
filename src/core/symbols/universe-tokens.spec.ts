import { dollarVolume, LIQUIDITY_POOL, parseUniverseToken, STATIC_INDEX_DEFAULTS } from './universe-tokens';
import { normalizeTicker } from './ticker';

describe('universe tokens', () => {
  it.each<[string, unknown]>([
    ['spy', { kind: 'ticker', symbol: 'SPY' }],
    ['BRK-B', { kind: 'ticker', symbol: 'BRK.B' }],
    ['I:SPX', { kind: 'ticker', symbol: 'SPX' }],
    ['NDX', { kind: 'ticker', symbol: 'NDX' }],
    ['watchlist:Tech', { kind: 'watchlist', name: 'tech' }],
    ['WATCHLIST:my-list_2', { kind: 'watchlist', name: 'my-list_2' }],
    ['TOP5', { kind: 'top', k: 5 }],
    ['top250', { kind: 'top', k: 250 }],
    ['FT-TOPLIQUIDITY', { kind: 'top', k: 50 }],
    ['ft-topliquidity', { kind: 'top', k: 50 }],
    ['sp500', { kind: 'index', index: 'sp500' }],
    ['SP500', { kind: 'index', index: 'sp500' }],
    ['Nasdaq100', { kind: 'index', index: 'nasdaq100' }],
    ['nasdaq-100', { kind: 'index', index: 'nasdaq100' }],
  ])('%s', (raw, want) => expect(parseUniverseToken(raw)).toEqual(want));

  it.each(['TOP0', 'TOP251', 'TOP1000', 'watchlist:', 'watchlist:bad name', 'FT-PLAYBOOK', 'russell2000', '$$$', '', 7])('refuses %s', (raw) => {
    expect(parseUniverseToken(raw)).toBeNull();
  });

  it('static lists hold canonical, distinct tickers', () => {
    for (const list of [STATIC_INDEX_DEFAULTS.sp500, STATIC_INDEX_DEFAULTS.nasdaq100, LIQUIDITY_POOL]) {
      expect(list.every((s) => normalizeTicker(s) === s)).toBe(true);
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('dollar volume = mean close × volume of the last n bars', () => {
    const bars = [
      { close: 1, volume: 1e9 },
      { close: 10, volume: 100 },
      { close: 20, volume: 50 },
    ];
    expect(dollarVolume(bars, 2)).toBe((10 * 100 + 20 * 50) / 2);
    expect(dollarVolume([], 20)).toBeNaN();
  });
});
