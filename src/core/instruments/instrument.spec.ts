import { indexOf, indexTrackedBy, instrumentOf, isIndexSymbol, lastTradingDay, optionRootInfo, optionRootOf, settlementNote, stripVendorPrefix, tradableOn, vendorSymbol } from './instrument';

describe('instruments', () => {
  it('names the index an ETF proxies (INDEX_SNIPER_MODE): SPY → SPX, QQQ → NDX, others none', () => {
    expect([indexTrackedBy('SPY'), indexTrackedBy('QQQ'), indexTrackedBy('IWM'), indexTrackedBy('AAPL'), indexTrackedBy('SPX')]).toEqual(['SPX', 'NDX', null, null, null]);
  });

  it('reads every vendor spelling of the index symbols', () => {
    for (const s of ['SPX', 'spx', 'I:SPX', '^SPX', '$SPX.X', '$SPX', 'SPXW']) expect(indexOf(s)).toBe('SPX');
    for (const s of ['NDX', 'I:NDX', '$NDX.X', 'NDXP']) expect(indexOf(s)).toBe('NDX');
    for (const s of ['SPY', 'QQQ', 'AAPL', 'SPXL']) expect(isIndexSymbol(s)).toBe(false);
    expect(stripVendorPrefix(' i:ndx ')).toBe('NDX');
  });

  it('describes SPX, NDX, an ETF and a stock', () => {
    const spx = instrumentOf('I:SPX');
    expect(spx).toMatchObject({ symbol: 'SPX', kind: 'index', etf_proxy: 'SPY', broad_market: true });
    expect(spx.option_roots.map((r) => [r.root, r.style, r.settlement, r.multiplier])).toEqual([
      ['SPXW', 'european', 'cash_pm', 100],
      ['SPX', 'european', 'cash_am', 100],
    ]);
    expect(instrumentOf('NDX').etf_proxy).toBe('QQQ');
    expect(instrumentOf('SPY')).toMatchObject({ kind: 'etf', broad_market: true });
    expect(instrumentOf('SPY').option_roots[0]).toEqual({ root: 'SPY', style: 'american', settlement: 'physical', multiplier: 100, tick: 0.01 });
    expect(instrumentOf('AAPL')).toMatchObject({ kind: 'equity', broad_market: false });
    expect(vendorSymbol('SPX', 'polygon')).toBe('I:SPX');
    expect(vendorSymbol('SPX', 'schwab')).toBe('$SPX.X');
    expect(vendorSymbol('AAPL', 'polygon')).toBe('AAPL');
  });

  it('parses OCC roots', () => {
    expect(optionRootOf('SPXW240719C05500000')).toBe('SPXW');
    expect(optionRootOf('O:SPY251219P00450000')).toBe('SPY');
    expect(optionRootOf('garbage')).toBe('');
    expect(optionRootInfo('NDXP').settlement).toBe('cash_pm');
  });

  it('AM-settled roots stop trading the business day before expiry; PM and ETF roots trade through it', () => {
    // Friday 2024-03-15 monthly: SPX (AM) last trades Thursday 03-14; SPXW and SPY trade on the 15th
    expect(lastTradingDay('SPX', '2024-03-15')).toBe('2024-03-14');
    expect(lastTradingDay('SPXW', '2024-03-15')).toBe('2024-03-15');
    expect(lastTradingDay('SPY', '2024-03-15')).toBe('2024-03-15');
    // Monday 2025-04-21 after Good Friday (2025-04-18, NYSE closed): the business day before is Thursday 04-17
    expect(lastTradingDay('NDX', '2025-04-21')).toBe('2025-04-17');
    expect(tradableOn('SPX', '2024-03-15', '2024-03-15')).toBe(false);
    expect(tradableOn('SPX', '2024-03-15', '2024-03-14')).toBe(true);
    expect(tradableOn('NDXP', '2024-03-15', '2024-03-15')).toBe(true);
  });

  it('states settlement and assignment in words', () => {
    expect(settlementNote('SPY')).toMatch(/American.*assignment/);
    expect(settlementNote('SPX')).toMatch(/AM.*business day before expiry/);
    expect(settlementNote('SPXW')).toMatch(/PM.*no early assignment/);
  });
});
