/**
 * Benchmark runner: `npm run bench` runs every bench/*.bench.ts in turn; `npm run bench -- scan`
 * runs only files whose name contains "scan". Each bench file exports `default async () => void`
 * and prints its own table (console.table); the issue-14 figures are summarised at the end (targets.ts).
 * Figures are recorded in docs/benchmarks.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { printTargets } from './targets';

async function main() {
  const filter = process.argv[2];
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
    .sort();
  console.log(`node ${process.version} · ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length} · ${new Date().toISOString()}`);
  for (const f of files) {
    console.log(`\n## ${f}`);
    const mod = await import(path.join(__dirname, f));
    await mod.default();
  }
  printTargets();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
