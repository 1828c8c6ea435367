import { MAX_WATCHLIST_TICKERS, normalizeWatchlistName, normalizeWatchlistTickers } from './watchlist-rules';

describe('watchlist rules', () => {
  it('names: lower-cased in ASCII, 1–64 of [a-z0-9_-] starting with a letter, no surrounding space', () => {
    expect(normalizeWatchlistName('Tech_Leaders')).toBe('tech_leaders');
    expect(normalizeWatchlistName('a'.repeat(64))).toBe('a'.repeat(64));
    expect(normalizeWatchlistName('q4-2026')).toBe('q4-2026');
    // the Kelvin sign lower-cases to "k" in Unicode: refused, as the published ASCII pattern says
    for (const bad of ['', '-x', '123', '5x', ' tech', 'a'.repeat(65), 'has space', 'semi;colon', 'ü', 'wee\u212A', 5, null]) expect(normalizeWatchlistName(bad)).toBeNull();
  });

  it('tickers: canonical (BRK-B → BRK.B, spy → SPY), duplicates dropped in order', () => {
    expect(normalizeWatchlistTickers(['spy', 'BRK-B', 'SPY', 'brk.b', 'I:SPX'])).toEqual({ ok: true, tickers: ['SPY', 'BRK.B', 'SPX'] });
  });

  it('tickers: each bad entry named by index; more than 500 refused; not a list refused', () => {
    expect(normalizeWatchlistTickers(['SPY', '$$$', 7])).toEqual({
      ok: false,
      problems: [
        { field: 'tickers[1]', message: expect.stringMatching(/^must be a ticker/) },
        { field: 'tickers[2]', message: expect.stringMatching(/^must be a ticker/) },
      ],
    });
    const many = Array.from({ length: MAX_WATCHLIST_TICKERS + 1 }, (_, i) => `A${i}`);
    expect(normalizeWatchlistTickers(many)).toEqual({ ok: false, problems: [{ field: 'tickers', message: 'must hold at most 500 tickers' }] });
    expect(normalizeWatchlistTickers(many.slice(0, 500))).toMatchObject({ ok: true });
    expect(normalizeWatchlistTickers('SPY')).toMatchObject({ ok: false });
  });
});
