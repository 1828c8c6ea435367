import { normalizeTicker } from './ticker';

describe('normalizeTicker (one ticker rule for every route)', () => {
  it.each([
    ['spy', 'SPY'],
    [' QQQ ', 'QQQ'],
    ['BRK.B', 'BRK.B'],
    ['BRK-B', 'BRK.B'],
    ['brk/b', 'BRK.B'],
    ['BF-B', 'BF.B'],
    ['SPX', 'SPX'],
    ['I:SPX', 'SPX'],
    ['i:ndx', 'NDX'],
    ['^SPX', 'SPX'],
    ['$SPX.X', 'SPX'],
    ['NDX', 'NDX'],
  ])('accepts %j as %j', (raw, want) => expect(normalizeTicker(raw)).toBe(want));

  it.each([
    ['ß'], // "ß".toUpperCase() === "SS": never a ticker
    ['straße'],
    ['ﬀ'], // ligature upper-cases to "FF"
    ['ＳＰＹ'], // full-width letters
    ['SPY '.repeat(5)],
    [''],
    ['   '],
    ['1ABC'],
    ['<x>'],
    ['SPY;DROP'],
    ['A.B.C'],
    ['BRK.'],
    ['TOOLONGTICKER'],
    ['I:'],
    [42],
    [null],
  ])('rejects %j', (raw) => expect(normalizeTicker(raw)).toBeNull());
});
