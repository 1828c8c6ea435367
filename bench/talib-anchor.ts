/**
 * TA-Lib C (0.4.0) as the speed anchor for the indicator bench, measured in the same run.
 *
 * The `talib` npm binding (dev dependency) builds TA-Lib C with -O2 into static libraries and wraps
 * them in a Node addon. A call through the addon costs far more than the C function: it copies every
 * input element from a JS array (Get + NumberValue) and every output element into a new JS array (one
 * heap number each) — at 1M bars ≈ 100+ ms per input and ≈ 300 ms per output series, against a C
 * compute of a few ms, so "call − overhead" is lost in the noise of the overhead. We therefore time
 * the C functions directly: bench/talib-c/six-indicators.c is compiled (gcc -O2) against the very
 * libraries the binding built (node_modules/talib/src/lib/lib) and run as a child process on the same
 * bars, one round per call so the bench can interleave it with our runs. The binding's own call time
 * is measured too and printed beside it, so its overhead (call − C) is visible.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the native talib binding ships no ES module or types
const talib = require('talib');

/** ms per indicator, the six of the pass in sequence, and DMI7: the seven directional series, one TA-Lib call each. */
export type CTimes = Record<'EMA' | 'RSI' | 'ATR' | 'ADX' | 'MACD' | 'BBANDS' | 'DMI7' | 'pass', number>;

export interface TalibC {
  /** One round of the TA-Lib C calls (ms each, the six of the pass in sequence, and DMI7). */
  round(): CTimes;
  dispose(): void;
}

/** Compiles the driver and writes the bars for it; null (with the reason) when gcc or the libraries are missing. */
export function prepareTalibC(high: Float64Array, low: Float64Array, close: Float64Array): TalibC | string {
  const lib = path.join(path.dirname(require.resolve('talib/package.json')), 'src', 'lib');
  const libs = ['libta_func_csr.a', 'libta_common_csr.a'].map((f) => path.join(lib, 'lib', f));
  if (!libs.every((f) => fs.existsSync(f))) return `TA-Lib static libraries not found under ${lib}/lib`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talib-c-'));
  const exe = path.join(dir, 'six-indicators');
  try {
    execFileSync('gcc', ['-O2', `-I${path.join(lib, 'include')}`, path.join(__dirname, 'talib-c', 'six-indicators.c'), ...libs, '-lm', '-o', exe], { stdio: 'pipe' });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    return `could not compile the TA-Lib C driver (gcc): ${(e as Error).message.split('\n')[0]}`;
  }
  const n = close.length;
  const buf = Buffer.alloc(4 + 24 * n);
  buf.writeInt32LE(n, 0);
  Buffer.from(high.buffer, high.byteOffset, 8 * n).copy(buf, 4);
  Buffer.from(low.buffer, low.byteOffset, 8 * n).copy(buf, 4 + 8 * n);
  Buffer.from(close.buffer, close.byteOffset, 8 * n).copy(buf, 4 + 16 * n);
  const bars = path.join(dir, 'bars.bin');
  fs.writeFileSync(bars, buf);
  return {
    round: () => JSON.parse(execFileSync(exe, [bars, '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()) as CTimes,
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** One full-range call through the binding (JS arrays in, JS arrays out); returns its wall ms. */
export function bindingCallMs(name: string, args: Record<string, unknown>, n: number): number {
  const t0 = process.hrtime.bigint();
  const res = talib.execute({ name, startIdx: 0, endIdx: n - 1, ...args });
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.error) throw new Error(`talib ${name}: ${res.error}`);
  return elapsed;
}

/** Wall time of one call in ms. */
export function ms(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
