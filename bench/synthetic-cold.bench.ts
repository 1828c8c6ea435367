/**
 * Cold synthetic data and the event loop (issue 13 item 2): the whole app as `npm run serve` starts it with
 * no keys (embedded providers, embedded store), listening on a local port, clock pinned to a trading
 * afternoon. "Cold" = symbols the process has never seen, so the synthetic provider generates their bars.
 * - `POST /gpt/multi-context` on a cold symbol, one at a time;
 * - the same request issued while a cold 100-ticker `POST /gpt/scan` runs (what "under load" meant);
 * - `/health/live` probed every 20 ms during that scan (what an orchestrator sees).
 * Anchor: `GET /health/live` on the idle app, same run. "longest block, CPU ms" = the most CPU this process
 * spent between two turns of its event loop (1 ms timer pings, process.cpuUsage): unlike wall-clock lag it
 * does not count time the OS gave other processes on the shared machine.
 *
 *   npm run bench -- synthetic-cold
 */
import 'reflect-metadata';
import { createTestApp } from '../test/support/test-app';

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Longest stretch without a turn of the loop, as this process's CPU time (see the scan bench). */
function blockMonitor() {
  let on = true;
  let lastCpu = process.cpuUsage();
  let maxCpu = 0;
  const ping = () => {
    const cpu = process.cpuUsage();
    maxCpu = Math.max(maxCpu, (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000);
    lastCpu = cpu;
    if (on) setTimeout(ping, 1);
  };
  setTimeout(ping, 1);
  return () => {
    on = false;
    return maxCpu;
  };
}

async function call(base: string, path: string, body?: unknown): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(base + path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 200)}`);
  return performance.now() - t0;
}

const L = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const fresh = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${L[Math.floor(i / 26) % 26]}${L[i % 26]}`);

export default async function () {
  const t = await createTestApp({}, { clockMs: Date.parse('2026-11-20T19:00:00Z') });
  const base = t.url;
  const rows: Record<string, Record<string, number | string>> = {};
  try {
    for (let k = 0; k < 50; k++) await call(base, '/health/live'); // JIT warm-up
    const live: number[] = [];
    for (let k = 0; k < 200; k++) live.push(await call(base, '/health/live'));
    rows['anchor: GET /health/live, idle'] = { runs: 200, 'p50 ms': Number(pct(live, 50).toFixed(2)), 'max ms': Number(Math.max(...live).toFixed(1)) };
    await call(base, '/gpt/multi-context', { symbol: 'SPY' }); // warm the code paths on a symbol the cases never use

    // one cold symbol at a time
    const single: number[] = [];
    const stopSingle = blockMonitor();
    for (const s of fresh('MC', 5)) single.push(await call(base, '/gpt/multi-context', { symbol: s }));
    rows['multi-context, cold symbol, alone'] = { runs: 5, 'p50 ms': Math.round(pct(single, 50)), 'max ms': Math.round(Math.max(...single)), 'longest block, CPU ms': Number(stopSingle().toFixed(1)) };

    // during a cold 100-ticker scan: a cold multi-context 300 ms in, /health/live every 20 ms
    const stopScan = blockMonitor();
    let scanning = true;
    const probes: number[] = [];
    const prober = (async () => {
      while (scanning) {
        probes.push(await call(base, '/health/live'));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const scan = call(base, '/gpt/scan', { universe: fresh('SC', 100), style: 'intraday', simulate_open: true, limit: 100 }).finally(() => (scanning = false));
    await new Promise((r) => setTimeout(r, 300));
    const during = await call(base, '/gpt/multi-context', { symbol: 'MCZZ' });
    const scanMs = await scan;
    await prober;
    const block = stopScan();
    rows['cold 100-ticker scan (whole request)'] = { runs: 1, 'p50 ms': Math.round(scanMs), 'longest block, CPU ms': Number(block.toFixed(1)) };
    rows['multi-context, cold symbol, during that scan'] = { runs: 1, 'p50 ms': Math.round(during) };
    rows['/health/live every 20 ms during that scan'] = {
      runs: probes.length,
      'p50 ms': Number(pct(probes, 50).toFixed(1)),
      'p99 ms': Number(pct(probes, 99).toFixed(1)),
      'max ms': Number(Math.max(...probes).toFixed(1)),
    };
  } finally {
    await t.close();
  }
  console.table(rows);
}
