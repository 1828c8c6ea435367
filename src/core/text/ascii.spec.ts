import { anyCaseAscii, lowerAscii, trimAscii, upperAscii } from './ascii';

describe('ASCII-only text rules', () => {
  it('trims ASCII whitespace only', () => {
    expect(trimAscii(' \t5m\r\n')).toBe('5m');
    expect(trimAscii('\u00a05m\u2028')).toBe('\u00a05m\u2028');
  });
  it('folds ASCII letters only (the Kelvin sign and ß stay what they are)', () => {
    expect(lowerAscii('WeeK')).toBe('week');
    expect(lowerAscii('wee\u212A')).toBe('wee\u212A');
    expect(upperAscii('brk.b ß')).toBe('BRK.B ß');
  });
  it('writes a word as an any-case pattern', () => {
    const re = new RegExp(`^${anyCaseAscii('top')}$`);
    expect(['top', 'TOP', 'tOp'].every((s) => re.test(s))).toBe(true);
    expect(re.test('t0p')).toBe(false);
  });
});
