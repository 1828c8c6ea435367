/**
 * Cached reads and the per-request pipeline against a bare Nest 11 route, one run (issue 14).
 * Starts two child processes: the anchor (bench/reads/bare-nest-server.ts, one GET returning 15 bytes)
 * and the service as `npm run serve` runs it (embedded synthetic data, default LOG_LEVEL=info, the
 * background calibration off so it does not compete for the CPU). Then Debian's wrk, -t1 -c50,
 * BENCH_SECONDS (default 5) s per run; every case runs right after its own anchor run, BENCH_ROUNDS
 * (default 2) rounds, so machine noise hits both alike; each ratio is case ÷ its anchor, averaged. Beside req/s the
 * bench reads each server's CPU time from /proc: "× bare by CPU" = the anchor's CPU µs per request ÷ the
 * case's, the throughput ratio a CPU-bound server shows on a quiet machine (req/s ratios swing widely
 * when other work shares the 2 cores). A second service with
 * BACKEND_API_KEYS (auth on) covers the keyed path. `apt-get install -y wrk` if it is missing.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cpuMs, startChild, wrk, type Child, type WrkResult } from './reads/wrk';
import { reportTarget } from './targets';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONTEXT = '/gpt/context/SPY?interval=5m&lookback=100';
const KEY = 'bench-key-0123456789';

interface Case {
  label: string;
  server: 'service' | 'auth';
  path: string;
  headers?: Record<string, string>;
}

async function get(base: string, p: string, headers: Record<string, string> = {}): Promise<{ status: number; etag: string | null; bytes: number; encoding: string | null }> {
  const r = await fetch(base + p, { headers });
  const body = await r.arrayBuffer(); // fetch decodes gzip: the wire size is Content-Length
  return { status: r.status, etag: r.headers.get('etag'), bytes: Number(r.headers.get('content-length') ?? body.byteLength), encoding: r.headers.get('content-encoding') };
}

export default async function () {
  const common = { LOG_LEVEL: 'info', CALIBRATION_ON_START: '0', NODE_ENV: 'production', MARKET_DATA_PROVIDERS: 'synthetic', OPTIONS_PROVIDERS: 'synthetic' };
  const dir = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
  const children: Child[] = [];
  try {
    const bare = await startChild('bench/reads/bare-nest-server.ts', {});
    children.push(bare);
    // the service as `npm start` runs it: built first, then dist/ (not the sources through a TS loader)
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: path.resolve(__dirname, '..'), stdio: 'inherit' });
    const service = await startChild('bench/reads/built-server.js', { ...common, DATA_DIR: dir('tc-bench-reads-') });
    children.push(service);
    const auth = await startChild('bench/reads/built-server.js', { ...common, DATA_DIR: dir('tc-bench-reads-auth-'), BACKEND_API_KEYS: `${KEY}:alice` });
    children.push(auth);
    const base = { service: `http://127.0.0.1:${service.port}`, auth: `http://127.0.0.1:${auth.port}` };
    const bearer = { Authorization: `Bearer ${KEY}` };

    // warm the context caches and learn the ETag of the cached body
    const identity = { 'Accept-Encoding': 'identity' };
    const first = await get(base.service, CONTEXT, identity);
    const warm = await get(base.service, CONTEXT, identity);
    await get(base.auth, CONTEXT, bearer);
    await get(base.auth, CONTEXT, bearer);
    const gz = await get(base.service, CONTEXT, { 'Accept-Encoding': 'gzip' });
    console.log(`context body: ${warm.bytes} bytes (status ${first.status}/${warm.status}), ETag ${warm.etag ?? 'none'}, gzip ${gz.encoding === 'gzip' ? `${gz.bytes} bytes` : 'not offered'}`);
    const cases: Case[] = [
      { label: 'GET /health/live', server: 'service', path: '/health/live' },
      { label: `GET ${CONTEXT} (cached)`, server: 'service', path: CONTEXT },
      { label: '  … Accept-Encoding: gzip', server: 'service', path: CONTEXT, headers: { 'Accept-Encoding': 'gzip' } },
      ...(warm.etag ? [{ label: '  … If-None-Match (304)', server: 'service' as const, path: CONTEXT, headers: { 'If-None-Match': warm.etag } }] : []),
      { label: '  … auth on (Bearer key)', server: 'auth', path: CONTEXT, headers: bearer },
      { label: 'GET /health/live, auth on', server: 'auth', path: '/health/live' },
    ];
    // BENCH_CASES=<text>: only the cases whose label contains it (e.g. "auth")
    const only = process.env.BENCH_CASES;
    if (only) cases.splice(0, cases.length, ...cases.filter((c) => c.label.includes(only)));
    type Run = WrkResult & { ratio?: number; cpuUs: number; cpuRatio?: number };
    const pids = { service: service.proc.pid!, auth: auth.proc.pid! };
    /** wrk plus the server's CPU µs per request: on a shared machine, CPU per request is what throughput on a quiet one follows */
    const measure = async (url: string, pid: number, headers?: Record<string, string>): Promise<Run> => {
      const c0 = cpuMs(pid);
      const r = await wrk(url, { seconds: SECONDS, headers });
      return { ...r, cpuUs: (1000 * (cpuMs(pid) - c0)) / Math.max(1, r.requests) };
    };
    const anchor: Run[] = [];
    const results = new Map<string, Run[]>();
    for (let r = 0; r < ROUNDS; r++) {
      for (const c of cases) {
        // the anchor right before each case: the ratio of a pair is what survives a loaded machine
        const a = await measure(`http://127.0.0.1:${bare.port}/bare`, bare.proc.pid!);
        anchor.push(a);
        // re-warm the case's own entry: the context entry lives at most its frame's 30 s, and a case measured
        // after it expired would time one rebuild plus 50 connections missing at once, not the cached read
        await get(base[c.server], c.path, c.headers);
        await get(base[c.server], c.path, c.headers);
        const res = await measure(base[c.server] + c.path, pids[c.server], c.headers);
        const list = results.get(c.label) ?? [];
        list.push({ ...res, ratio: res.rps / a.rps, cpuRatio: a.cpuUs / res.cpuUs });
        results.set(c.label, list);
      }
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const row = (rs: Run[]) => ({
      'req/s': Math.round(mean(rs.map((x) => x.rps))),
      'p50 ms': Number(mean(rs.map((x) => x.p50ms)).toFixed(2)),
      'p99 ms': Number(mean(rs.map((x) => x.p99ms)).toFixed(2)),
      '× bare': rs[0].ratio === undefined ? 1 : Number(mean(rs.map((x) => x.ratio!)).toFixed(2)),
      'server CPU µs/req': Math.round(mean(rs.map((x) => x.cpuUs))),
      '× bare by CPU': rs[0].cpuRatio === undefined ? 1 : Number(mean(rs.map((x) => x.cpuRatio!)).toFixed(2)),
      'non-2xx': rs.reduce((s, x) => s + x.non2xx, 0),
      'socket errors': rs.reduce((s, x) => s + x.socketErrors, 0),
    });
    const table: Record<string, ReturnType<typeof row>> = { 'anchor: bare Nest 11 GET, 15 bytes': row(anchor) };
    for (const [label, rs] of results) table[label] = row(rs);
    console.log(
      `wrk -t1 -c50 -d${SECONDS}s, anchor before every case, ${ROUNDS} rounds (mean), load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    console.table(table);
    const target = (label: string, what: string, issueToday: string, min: number) => {
      const rs = results.get(label);
      if (!rs) return;
      const ratio = mean(rs.map((x) => x.ratio!));
      reportTarget({
        what,
        now: `${ratio.toFixed(2)}× bare (by CPU ${mean(rs.map((x) => x.cpuRatio!)).toFixed(2)}×)`,
        anchor: `bare Nest GET ${Math.round(mean(anchor.map((a) => a.rps)))} req/s`,
        issueToday,
        target: `≥ ${min}× bare`,
        met: ratio >= min,
      });
    };
    target(`GET ${CONTEXT} (cached)`, `GET ${CONTEXT}, cached, wrk -c50`, '0.12×', 0.5);
    target('  … auth on (Bearer key)', `  … auth on (Bearer key)`, '—', 0.5);
    target('GET /health/live', 'GET /health/live, wrk -c50', '0.38×', 0.7);
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}
