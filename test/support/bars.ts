import type { Bar } from '../../src/core/bars/bar';
import { parseCsvBars } from '../../src/core/bars/parse-csv-bars';
import { readFixtureText } from './fixtures';

const cache = new Map<string, Bar[]>();
/** Bars of a fixture CSV under FIXTURES_DIR/bars/. */
export function fixtureBars(file: string): Bar[] {
  let bars = cache.get(file);
  if (!bars) {
    bars = parseCsvBars(readFixtureText('bars', file));
    cache.set(file, bars);
  }
  return bars;
}

/** Raw CSV rows (for the `session` column oracle). */
export function fixtureRows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFixtureText('bars', file).trim().split('\n');
  const cols = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}
