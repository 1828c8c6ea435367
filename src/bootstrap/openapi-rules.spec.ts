import { asciiDigits } from './openapi-rules';

describe('asciiDigits: the schema says what the ASCII-only server regex accepts', () => {
  it('rewrites \\d outside and inside classes, leaves other escapes alone', () => {
    expect(asciiDigits('^\\d{4}-\\d{2}$')).toBe('^[0-9]{4}-[0-9]{2}$');
    expect(asciiDigits('^[\\d.]+\\.\\s$')).toBe('^[0-9.]+\\.\\s$');
    expect(asciiDigits('^a\\\\d$')).toBe('^a\\\\d$'); // an escaped backslash followed by d is not \d
    for (const src of ['^\\d{4}-\\d{2}-\\d{2}$', '^[\\d:]+$']) {
      const js = new RegExp(src);
      const rewritten = new RegExp(asciiDigits(src));
      for (const s of ['2024-01-02', '12:30', '٢٠٢٤-٠١-٠٢', '1a']) expect(rewritten.test(s)).toBe(js.test(s));
    }
  });
});
