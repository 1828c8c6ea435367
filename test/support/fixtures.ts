import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The shared fixtures folder (real recorded data that may not be copied into this repo).
 * FIXTURES_DIR overrides; default ../shared/fixtures beside the checkout.
 */
export function fixturesDir(): string {
  const dir = path.resolve(process.env.FIXTURES_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'fixtures'));
  if (!fs.existsSync(dir)) {
    throw new Error(`FIXTURES_DIR not found: ${dir}. Set FIXTURES_DIR to the shared fixtures folder (default ../shared/fixtures).`);
  }
  return dir;
}

export function fixturePath(...parts: string[]): string {
  const p = path.join(fixturesDir(), ...parts);
  if (!fs.existsSync(p)) throw new Error(`fixture missing: ${p} (FIXTURES_DIR=${fixturesDir()})`);
  return p;
}

export function readFixtureJson<T = any>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(fixturePath(...parts), 'utf8')) as T;
}

export function readFixtureText(...parts: string[]): string {
  return fs.readFileSync(fixturePath(...parts), 'utf8');
}
