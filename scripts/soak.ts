/**
 * Soak (a script, not a test; issue 13): N minutes of mixed load against a started service, bounded
 * in requests and concurrency, then a settle period.
 *
 *   npm run soak                          # embedded service started here, 5 minutes
 *   SOAK_MINUTES=1 SOAK_CONCURRENCY=8 npm run soak
 *   SOAK_URL=http://127.0.0.1:8000 SOAK_KEY=<bearer> npm run soak   # an already running service
 *
 * Environment: SOAK_MINUTES (5), SOAK_CONCURRENCY (8 HTTP workers), SOAK_RATE (0: closed loop, the
 * service's capacity; N: N requests/s over all workers, paced), SOAK_MAX_REQUESTS (250000),
 * SOAK_SCAN_TICKERS (5: small scans, until the scan work makes them non-blocking), SOAK_SCAN_EVERY_S
 * (15: at most one scan in flight, one per that many seconds), SOAK_SYMBOLS (30: the first names of the
 * service's liquidity pool), SOAK_WS (10 WebSocket followers), SOAK_SETTLE_S (120: every cache TTL on the soak's routes is 30 s; V8 gives memory back once it sees the process idle), SOAK_CALIBRATION (0:
 * the embedded service's background calibration off, so the figures are the request load's),
 * SOAK_CPU_PROF (a folder: the embedded service writes a CPU profile there).
 * Prints throughput, p50/p99 per route, errors by status, RSS, V8 heap used and external memory at
 * start / peak / end (from the service's own /metrics) and event-loop lag measured inside the service:
 * the p99 over the whole load from its cumulative `eventloop_delay_seconds` histogram (read before and
 * after the load; the criterion), and prom-client's nodejs_eventloop_lag_* gauges (a
 * monitorEventLoopDelay histogram reset on every scrape: scraped every 5 s, so each is one 5 s window).
 * Criteria (exit 1 when one fails): zero errors, RSS after the settle within 20 % of its start, fewer
 * than 1 % of the load's delay samples above 50 ms (p99 < 50 ms).
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import WebSocket from 'ws';
import { LIQUIDITY_POOL } from '../src/core/symbols/universe-tokens';
import { type CumulativeHistogram, histogramBetween, parseHistogram } from '../src/modules/metrics/histogram-window';

const env = process.env;
const MINUTES = Number(env.SOAK_MINUTES ?? 5);
const CONCURRENCY = Number(env.SOAK_CONCURRENCY ?? 8);
const MAX_REQUESTS = Number(env.SOAK_MAX_REQUESTS ?? 250_000);
/** Requests per second over all workers (open loop, paced); 0 = each worker sends its next request at once (closed loop: the service's capacity). */
const RATE = Number(env.SOAK_RATE ?? 0);
const SCAN_TICKERS = Number(env.SOAK_SCAN_TICKERS ?? 5);
const SCAN_EVERY_MS = Number(env.SOAK_SCAN_EVERY_S ?? 15) * 1000;
const WS_FOLLOWERS = Number(env.SOAK_WS ?? 10);
const PROFILE = env.SOAK_CPU_PROF; // a directory: the embedded service writes a .cpuprofile there
const SETTLE_MS = Number(env.SOAK_SETTLE_S ?? 120) * 1000;
/** The most liquid names of the service's own pool (index ETFs, then the static S&P 500 / Nasdaq-100 lists). */
const SYMBOLS = LIQUIDITY_POOL.slice(0, Number(env.SOAK_SYMBOLS ?? 30));

const headers: Record<string, string> = env.SOAK_KEY ? { Authorization: `Bearer ${env.SOAK_KEY}` } : {};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const mb = (b: number) => Math.round(b / 1024 / 1024);

interface Stat {
  lat: number[];
  errors: Map<string, number>;
}
const stats = new Map<string, Stat>();
const statusCounts = new Map<string, number>();
let total = 0;

function record(route: string, ms: number, status: string, ok: boolean) {
  let s = stats.get(route);
  if (!s) stats.set(route, (s = { lat: [], errors: new Map() }));
  s.lat.push(ms);
  total++;
  if (!ok) {
    s.errors.set(status, (s.errors.get(status) ?? 0) + 1);
    statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
  }
}

async function call(base: string, route: string, method: 'GET' | 'POST', p: string, body?: unknown): Promise<any> {
  const t0 = performance.now();
  try {
    const r = await fetch(base + p, {
      method,
      headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}), 'Accept-Encoding': Math.random() < 0.5 ? 'gzip' : 'identity' },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await r.text();
    record(route, performance.now() - t0, String(r.status), r.ok);
    return r.ok && text ? JSON.parse(text) : undefined;
  } catch (err) {
    record(route, performance.now() - t0, (err as Error).name === 'TimeoutError' ? 'timeout' : `network:${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name}`, false);
    return undefined;
  }
}

interface Sample {
  t: number;
  rss: number;
  /** V8 heap in use and memory outside it (Buffers, typed arrays), bytes. */
  heapUsed: number;
  /** V8 heap committed, and its young generation's share of it. */
  heapTotal: number;
  newSpace: number;
  external: number;
  lagP99: number;
  lagMax: number;
  /** The service's cumulative `eventloop_delay_seconds` histogram: upper bounds (s) and cumulative counts. */
  delay: CumulativeHistogram;
}

async function cpuSeconds(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`, { headers })).text();
  return Number(/^process_cpu_seconds_total ([0-9.e+-]+)/m.exec(text)?.[1] ?? NaN);
}

async function scrape(base: string): Promise<Sample | undefined> {
  try {
    const text = await (await fetch(`${base}/metrics`, { headers })).text();
    const g = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? NaN);
    return {
      t: Date.now(),
      rss: g('process_resident_memory_bytes'),
      heapUsed: g('nodejs_heap_size_used_bytes'),
      heapTotal: g('nodejs_heap_size_total_bytes'),
      newSpace: Number(/^nodejs_heap_space_size_total_bytes\{space="new"\} ([0-9.e+-]+)/m.exec(text)?.[1] ?? NaN),
      external: g('nodejs_external_memory_bytes'),
      lagP99: g('nodejs_eventloop_lag_p99_seconds') * 1000,
      lagMax: g('nodejs_eventloop_lag_max_seconds') * 1000,
      delay: parseHistogram(text, 'eventloop_delay_seconds'),
    };
  } catch {
    return undefined;
  }
}

const q = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

/**
 * The service as the Docker image runs it: `npm run build`, then `node --max-old-space-size=256
 * dist/main.js` (the image's NODE_OPTIONS) on a free loopback port, embedded store in a fresh folder.
 */
async function startService(): Promise<{ base: string; proc: ChildProcess }> {
  const root = path.resolve(__dirname, '..');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  const port = await freePort();
  // SOAK_NODE_ARGS: extra node flags for the service (e.g. --trace-gc); SOAK_SERVICE_STDOUT: a file for its stdout
  const extra = (env.SOAK_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const out = env.SOAK_SERVICE_STDOUT ? fs.openSync(env.SOAK_SERVICE_STDOUT, 'w') : 'ignore';
  const proc = spawn(process.execPath, ['--max-old-space-size=256', ...extra, ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []), 'dist/main.js'], {
    cwd: root,
    stdio: ['ignore', out, 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'tc-soak-')),
      LOG_LEVEL: env.LOG_LEVEL ?? 'info',
      NODE_ENV: 'production',
      RATE_LIMIT_PUBLIC: '0', // one client asking thousands of times would be limited on /tv-api
      CALIBRATION_ON_START: env.SOAK_CALIBRATION ?? '0',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 120_000; Date.now() < until;) {
    if (proc.exitCode !== null) throw new Error(`the service exited with ${proc.exitCode}`);
    const ok = await fetch(`${base}/health/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, proc };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the service did not answer /health/live within 120 s');
}

async function stopService(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
    setTimeout(() => proc.kill('SIGKILL'), 15_000).unref();
  });
}

async function main() {
  let child: ChildProcess | undefined;
  let base = env.SOAK_URL?.replace(/\/$/, '');
  if (!base) ({ base, proc: child } = await startService());
  const wsBase = base.replace(/^http/, 'ws');
  console.log(
    `soak: ${base}${child ? ' (embedded, started here)' : ''}, ${MINUTES} min, ${CONCURRENCY} HTTP workers${RATE > 0 ? ` paced at ${RATE} req/s` : ' (closed loop)'}, ${WS_FOLLOWERS} WS followers, ` +
      `scan of ${SCAN_TICKERS} tickers at most every ${SCAN_EVERY_MS / 1000} s, ≤ ${MAX_REQUESTS} requests, Node ${process.version}, ${os.cpus().length} CPUs`,
  );

  // warm-up: every symbol once per style (plan ids for idea GETs and WS follows; each symbol's
  // synthetic history is built once per process, which is start-up cost, not load)
  const planIds: string[] = [];
  for (const s of SYMBOLS) {
    for (const style of ['scalp', 'intraday', 'swing']) {
      const p = await call(base, 'warm-up', 'POST', '/gpt/plan', { symbol: s, style, simulate_open: true });
      if (p?.plan_id && planIds.length < 40) planIds.push(p.plan_id);
    }
    await call(base, 'warm-up', 'POST', '/gpt/multi-context', { symbol: s, intervals: ['1m', '5m', '15m', '1h', '1D'] });
  }
  stats.delete('warm-up');
  total = 0;
  statusCounts.clear();
  await scrape(base); // resets the lag histogram
  await new Promise((r) => setTimeout(r, 5000));
  const start = await scrape(base); // RSS at start, and the idle loop lag of the 5 s before the load (the machine's own noise)
  const cpu0 = await cpuSeconds(base);
  const samples: Sample[] = [];

  // WebSocket followers for the whole run
  let wsMessages = 0;
  let wsErrors = 0;
  let stopping = false;
  const sockets: WebSocket[] = [];
  const follow = (id: string) => {
    const ws = new WebSocket(`${wsBase}/ws/plans/${id}`, { headers });
    ws.on('message', () => wsMessages++);
    ws.on('error', () => wsErrors++);
    ws.on('close', (code) => {
      if (stopping) return;
      if (code !== 1000 && code !== 1001) wsErrors++;
      setTimeout(() => follow(id), 1000);
    });
    sockets.push(ws);
  };
  for (let i = 0; i < Math.min(WS_FOLLOWERS, planIds.length * 4); i++) if (planIds.length) follow(planIds[i % planIds.length]);

  const deadline = Date.now() + MINUTES * 60_000;
  const sampler = setInterval(() => void scrape(base!).then((s) => s && samples.push(s)), 5000);
  let lastScan = 0;
  let scanning = false;
  const routes: Array<[number, () => Promise<unknown>]> = [
    [24, () => call(base!, 'GET /gpt/context/:symbol', 'GET', `/gpt/context/${pick(SYMBOLS)}?interval=${pick(['1m', '5m', '15m'])}&lookback=${pick([50, 100])}`)],
    [14, () => call(base!, 'GET /tv-api/bars', 'GET', `/tv-api/bars?symbol=${pick(SYMBOLS)}&resolution=${pick(['5', '15', '1D'])}&range=${pick(['5D', '1M'])}`)],
    [10, () => call(base!, 'GET /health/live', 'GET', '/health/live')],
    [2, () => call(base!, 'GET /health/ready', 'GET', '/health/ready')],
    [10, () => (planIds.length ? call(base!, 'GET /idea/:plan_id', 'GET', `/idea/${pick(planIds)}`) : Promise.resolve())],
    [8, () => call(base!, 'POST /gpt/multi-context', 'POST', '/gpt/multi-context', { symbol: pick(SYMBOLS), intervals: ['5m', '1h', '1D'] })],
    [8, () => call(base!, 'POST /gpt/plan', 'POST', '/gpt/plan', { symbol: pick(SYMBOLS), style: pick(['scalp', 'intraday', 'swing']), simulate_open: true })],
    [4, () => call(base!, 'GET /gpt/playbooks', 'GET', '/gpt/playbooks')],
    [
      6,
      async () => {
        const s = pick(SYMBOLS);
        const ctx = await call(base!, 'GET /gpt/context/:symbol', 'GET', `/gpt/context/${s}?interval=5m&lookback=50`);
        const px = ctx?.last_close;
        if (typeof px !== 'number') return;
        const r2 = (x: number) => Math.round(x * 100) / 100;
        return call(base!, 'POST /gpt/contracts', 'POST', '/gpt/contracts', {
          symbol: s,
          side: 'long',
          style: 'intraday',
          entry: r2(px),
          stop: r2(px * 0.99),
          targets: [r2(px * 1.01), r2(px * 1.02)],
        });
      },
    ],
  ];
  const weightSum = routes.reduce((a, [w]) => a + w, 0);
  const next = () => {
    let x = Math.random() * weightSum;
    for (const [w, f] of routes) if ((x -= w) < 0) return f;
    return routes[0][1];
  };
  // SOAK_RATE: one shared schedule of send times, 1/RATE apart (a late worker sends at once, never in a burst to catch up)
  let nextSlot = 0;
  const pace = async () => {
    if (!(RATE > 0)) return;
    const now = Date.now();
    nextSlot = Math.max(nextSlot, now);
    const wait = nextSlot - now;
    nextSlot += 1000 / RATE;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };
  const worker = async () => {
    while (Date.now() < deadline && total < MAX_REQUESTS) {
      await pace();
      if (!scanning && Date.now() - lastScan >= SCAN_EVERY_MS) {
        scanning = true;
        lastScan = Date.now();
        const universe = [...SYMBOLS].sort(() => Math.random() - 0.5).slice(0, SCAN_TICKERS);
        await call(base!, 'POST /gpt/scan', 'POST', '/gpt/scan', { universe, style: 'intraday', simulate_open: true, limit: 10 });
        scanning = false;
        continue;
      }
      await next()();
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const loadSeconds = (Date.now() - t0) / 1000;
  const cpuLoad = ((await cpuSeconds(base)) - cpu0) / loadSeconds;
  const afterLoad = await scrape(base);
  if (afterLoad) samples.push(afterLoad);
  clearInterval(sampler);
  stopping = true;
  for (const ws of sockets) ws.close(1000);
  // the settle: RSS every 15 s, so a slow return (V8 shrinks its young generation and releases pages only
  // once it sees the process idle) is told from memory that stays
  const settleRss: number[] = [];
  for (let waited = 0; waited < SETTLE_MS; waited += 15_000) {
    await new Promise((r) => setTimeout(r, Math.min(15_000, SETTLE_MS - waited)));
    const s = await scrape(base);
    if (s) settleRss.push(mb(s.rss));
  }
  const end = await scrape(base);

  const rows: Record<string, { requests: number; 'req/s': number; 'p50 ms': number; 'p99 ms': number; errors: number }> = {};
  for (const [route, s] of [...stats].sort()) {
    rows[route] = {
      requests: s.lat.length,
      'req/s': Number((s.lat.length / loadSeconds).toFixed(1)),
      'p50 ms': Number(q(s.lat, 0.5).toFixed(1)),
      'p99 ms': Number(q(s.lat, 0.99).toFixed(1)),
      errors: [...s.errors.values()].reduce((a, b) => a + b, 0),
    };
  }
  console.log(`\n${total} requests in ${loadSeconds.toFixed(0)} s = ${(total / loadSeconds).toFixed(1)} req/s; WebSocket: ${wsMessages} messages, ${wsErrors} errors`);
  console.table(rows);
  console.log(`errors by status: ${statusCounts.size ? JSON.stringify(Object.fromEntries(statusCounts)) : 'none'}`);
  const perMinute = samples.filter((_, i) => i % 12 === 11).map((x) => mb(x.rss));
  console.log(`RSS MB each minute of the load: ${perMinute.join(', ') || '-'}; every 15 s of the settle: ${settleRss.join(', ') || '-'}`);
  const peak = Math.max(start?.rss ?? 0, ...samples.map((s) => s.rss), end?.rss ?? 0);
  const lagP99s = samples.map((s) => s.lagP99).filter(Number.isFinite);
  const lagMax = Math.max(...samples.map((s) => s.lagMax).filter(Number.isFinite));
  const rssChange = start && end ? (100 * (end.rss - start.rss)) / start.rss : NaN;
  console.table({
    'V8 heap used MB': {
      'start (after warm-up)': mb(start?.heapUsed ?? NaN),
      peak: mb(Math.max(...samples.map((x) => x.heapUsed))),
      [`end (+${SETTLE_MS / 1000} s settle)`]: mb(end?.heapUsed ?? NaN),
    },
    'V8 heap committed MB (young generation)': {
      'start (after warm-up)': `${mb(start?.heapTotal ?? NaN)} (${mb(start?.newSpace ?? NaN)})`,
      peak: mb(Math.max(...samples.map((x) => x.heapTotal))),
      [`end (+${SETTLE_MS / 1000} s settle)`]: `${mb(end?.heapTotal ?? NaN)} (${mb(end?.newSpace ?? NaN)})`,
    },
    'external MB': { 'start (after warm-up)': mb(start?.external ?? NaN), peak: mb(Math.max(...samples.map((x) => x.external))), [`end (+${SETTLE_MS / 1000} s settle)`]: mb(end?.external ?? NaN) },
    'RSS MB': { 'start (after warm-up)': mb(start?.rss ?? NaN), peak: mb(peak), [`end (+${SETTLE_MS / 1000} s settle)`]: mb(end?.rss ?? NaN), 'end vs start %': Number(rssChange.toFixed(1)) },
  });
  console.log(
    `service CPU during the load: ${(100 * cpuLoad).toFixed(0)} % of one core; machine load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const overLoad = start && afterLoad ? histogramBetween(start.delay, afterLoad.delay, 0.99, 0.05) : { n: 0, quantile: NaN, above: NaN };
  console.log(
    `event-loop delay over the whole load (the service's eventloop_delay_seconds, one sample per 10 ms timer): ${overLoad.n} samples, p99 ${(overLoad.quantile * 1000).toFixed(1)} ms, ${(100 * overLoad.above).toFixed(2)} % of samples over 50 ms`,
  );
  console.table({
    'event-loop lag ms (service, 5 s windows)': {
      'idle p99 / max (5 s before the load)': `${start?.lagP99.toFixed(1)} / ${start?.lagMax.toFixed(1)}`,
      windows: lagP99s.length,
      'p99, median window': Number(q(lagP99s, 0.5).toFixed(1)),
      'p99, worst window': Number(Math.max(...lagP99s).toFixed(1)),
      max: Number(lagMax.toFixed(1)),
    },
  });
  const errors = [...statusCounts.values()].reduce((a, b) => a + b, 0) + wsErrors;
  // p99 < 50 ms over the load: fewer than 1 % of the delay samples above 50 ms (the worst 5 s window is printed above, not judged)
  const verdict = { 'zero errors': errors === 0, 'RSS end within 20 % of start': Math.abs(rssChange) <= 20, 'loop lag p99 < 50 ms (over the load)': overLoad.above < 0.01 };
  console.log(`criteria: ${JSON.stringify(verdict)}`);
  if (child) await stopService(child);
  process.exit(Object.values(verdict).every(Boolean) ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
