/**
 * CPU profile of warm scans (a script, not a test): the bench's app (embedded synthetic data, real
 * persistence and options), one warm-up scan of N tickers, then the V8 sampling profiler
 * through the app's provider chain (bars cached 30 s, chains 15 s) — (node:inspector, the same profiler as `node --cpu-prof`) around `runs` more scans of the same universe.
 * Writes the .cpuprofile (open in Chrome DevTools) and prints self time by function and by file.
 *
 *   node -r @swc-node/register scripts/profile-scan.ts [N=100] [runs=5] [out=scan-warm.cpuprofile]
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { ScanService } from '../src/modules/scan/scan.service';
import { createPlanTestApp } from '../test/plan/support/plan-test-app';

const N = Number(process.argv[2] ?? 100);
const RUNS = Number(process.argv[3] ?? 5);
const OUT = process.argv[4] ?? 'scan-warm.cpuprofile';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}

function summarise(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, wallMs: number) {
  const total = profile.samples.length;
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const n of profile.nodes) {
    if (!n.hitCount) continue;
    const url = n.callFrame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
    const file = url.includes('node_modules/')
      ? `node_modules/${url
          .split('node_modules/')
          .pop()!
          .split('/')
          .slice(0, url.includes('/@') ? 2 : 1)
          .join('/')}`
      : url || '(native)';
    const fn = `${n.callFrame.functionName || '(anonymous)'}  ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + n.hitCount);
    byFile.set(file, (byFile.get(file) ?? 0) + n.hitCount);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, hits]) => ({ '% self': Number(((100 * hits) / total).toFixed(1)), 'ms/scan': Number(((hits / total) * (wallMs / RUNS)).toFixed(1)), name }));
  console.log(`${total} samples over ${RUNS} warm scans of ${N} tickers, ${(wallMs / RUNS).toFixed(0)} ms per scan`);
  console.table(top(byFile, 15));
  console.table(top(byFn, 30));
}

async function main() {
  const app = await createPlanTestApp('2026-11-20T16:00:00Z', { chain: true, cacheMb: 64 });
  const scans = app.app.get(ScanService);
  const universe = Array.from({ length: N }, (_, i) => `P${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}${String.fromCharCode(65 + (i % 26))}`);
  const args = { userId: 'profile', universe, style: 'intraday' as const, simulateOpen: true, limit: 100 };
  await scans.scan(args);
  await scans.scan(args);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const t0 = performance.now();
  for (let r = 0; r < RUNS; r++) await scans.scan(args);
  const wall = performance.now() - t0;
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(OUT, JSON.stringify(profile));
  summarise(profile as never, wall);
  session.disconnect();
  await app.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
