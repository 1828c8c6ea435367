import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Honest test output: each suite that needs a real server (PostgreSQL, Redis, Chromium) asks for it
 * here. When the variable is set the part is recorded as used; when it is not, the suite prints one
 * line naming the variable (and in CI, CI=true, that is an error, not a skip). The jest reporter
 * test/support/real-parts-reporter.js prints the summary of the whole run from these records.
 */
export type RealPart = 'PostgreSQL' | 'Redis' | 'Chromium';

export const RECORD_DIR = path.resolve(__dirname, '../../test-output/real-parts');
const said = new Set<string>();

function suiteName(): string {
  const p = (expect.getState?.().testPath as string | undefined) ?? process.argv[1] ?? 'suite';
  return path.relative(path.resolve(__dirname, '../..'), p);
}

function record(part: RealPart, variable: string, used: boolean, suite: string): void {
  try {
    fs.mkdirSync(RECORD_DIR, { recursive: true });
    fs.appendFileSync(path.join(RECORD_DIR, `${process.pid}.jsonl`), JSON.stringify({ part, variable, used, suite }) + '\n');
  } catch {
    // the summary is best-effort; the suite's own line already said what happened
  }
}

/**
 * The value of `variable` (or `fallback` when it names a usable default), recorded; undefined when the
 * part is missing, after one line saying which cases did not run. Throws in CI.
 */
export function realPart(part: RealPart, variable: string, what: string, value = process.env[variable]): string | undefined {
  const suite = suiteName();
  const key = `${suite}|${part}`;
  if (!said.has(key)) {
    said.add(key);
    record(part, variable, !!value, suite);
    if (!value) {
      if (process.env.CI && !/^(0|false)$/i.test(process.env.CI)) throw new Error(`${variable} must be set in CI (.ci/run starts ${part}): ${what} cannot run`);
      process.stderr.write(`${suite}: ${what} NOT run — ${variable} is unset\n`);
    }
  }
  return value || undefined;
}
