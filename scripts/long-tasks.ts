/**
 * Long tasks in a V8 CPU profile (issue 13: what blocks the event loop). A long task is a run of
 * consecutive non-idle samples longer than the threshold; for each one this prints its length, its
 * outermost application frames (what started it) and the functions that spent the most self time in it.
 *
 *   npm run long-tasks -- <file.cpuprofile> [thresholdMs=30] [top=15]
 *   SOAK_CPU_PROF=/tmp/prof npm run soak && npm run long-tasks -- /tmp/prof/*.cpuprofile
 */
import * as fs from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, thresholdArg, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: long-tasks <file.cpuprofile> [thresholdMs=30] [top=15]');
  process.exit(2);
}
const thresholdMs = Number(thresholdArg ?? 30);
const top = Number(topArg ?? 15);
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;

const byId = new Map<number, ProfileNode>();
const parent = new Map<number, number>();
for (const n of prof.nodes) byId.set(n.id, n);
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const short = (f: CallFrame) => {
  const url = f.url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/(node_modules\/)/, '$1')
    .replace(/^.*\/dist\//, 'dist/');
  return `${f.functionName || '(anonymous)'} ${url ? `${url}:${f.lineNumber + 1}` : ''}`.trim();
};
const isApp = (f: CallFrame) => /\/dist\/|\/src\//.test(f.url) && !/node_modules/.test(f.url);

/** The outermost application frame on a sample's stack (else the outermost named frame). */
function origin(id: number): string {
  let outerApp: CallFrame | undefined;
  let outer: CallFrame | undefined;
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!.callFrame;
    if (f.functionName === '(root)') break;
    outer = f;
    if (isApp(f)) outerApp = f;
  }
  return outerApp ? short(outerApp) : outer ? short(outer) : '(root)';
}

interface Task {
  startUs: number;
  durUs: number;
  samples: number[];
}
const tasks: Task[] = [];
let t = 0;
let cur: Task | undefined;
for (let i = 0; i < prof.samples.length; i++) {
  t += prof.timeDeltas[i] ?? 0;
  const name = byId.get(prof.samples[i])!.callFrame.functionName;
  const idle = name === '(idle)';
  if (idle) {
    if (cur) tasks.push(cur);
    cur = undefined;
  } else {
    cur ??= { startUs: t, durUs: 0, samples: [] };
    cur.durUs = t - cur.startUs + (prof.timeDeltas[i + 1] ?? 0);
    cur.samples.push(prof.samples[i]);
  }
}
if (cur) tasks.push(cur);

const long = tasks.filter((k) => k.durUs / 1000 >= thresholdMs).sort((a, b) => b.durUs - a.durUs);
const totalS = t / 1e6;
const busy = tasks.reduce((a, k) => a + k.durUs, 0) / 1e6;
console.log(`${file}: ${totalS.toFixed(1)} s profiled, ${busy.toFixed(1)} s busy, ${tasks.length} tasks, ${long.length} ≥ ${thresholdMs} ms`);
const hist = [10, 20, 50, 100, 200, 500].map((ms) => `≥${ms} ms: ${tasks.filter((k) => k.durUs / 1000 >= ms).length}`);
console.log(`  tasks ${hist.join(', ')}`);

// what the long tasks have in common: sample counts by origin and by self function
const originCount = new Map<string, number>();
const selfCount = new Map<string, number>();
for (const k of long)
  for (const s of k.samples) {
    const o = origin(s);
    originCount.set(o, (originCount.get(o) ?? 0) + 1);
    const self = short(byId.get(s)!.callFrame);
    selfCount.set(self, (selfCount.get(self) ?? 0) + 1);
  }
const nLong = long.reduce((a, k) => a + k.samples.length, 0) || 1;
const table = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (share of samples in long tasks)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${((100 * v) / nLong).toFixed(1).padStart(5)} %  ${k}`);
};
table('started by (outermost application frame)', originCount);
table('self time', selfCount);

console.log(`\nlongest ${Math.min(top, long.length)} tasks`);
for (const k of long.slice(0, top)) {
  const m = new Map<string, number>();
  for (const s of k.samples) m.set(origin(s), (m.get(origin(s)) ?? 0) + 1);
  const main = [...m].sort((a, b) => b[1] - a[1]).slice(0, 2);
  console.log(`  ${(k.durUs / 1000).toFixed(0).padStart(5)} ms at ${(k.startUs / 1e6).toFixed(1)} s: ${main.map(([o, n]) => `${o} (${Math.round((100 * n) / k.samples.length)} %)`).join('; ')}`);
}
