/** Runs Debian's `wrk` against a URL and parses its summary (req/s, latency percentiles, non-2xx/3xx). */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WrkResult {
  rps: number;
  p50ms: number;
  p99ms: number;
  requests: number;
  non2xx: number;
  socketErrors: number;
}

function ms(v: string, unit: string): number {
  const n = Number(v);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n;
}

export function parseWrk(out: string): WrkResult {
  const lat = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return m ? ms(m[1], m[2]) : NaN;
  };
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
  const errs = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p50ms: lat('50'),
    p99ms: lat('99'),
    requests: num(/(\d+) requests in/),
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/),
    socketErrors: errs ? errs.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
  };
}

export function wrk(url: string, opts: { connections?: number; seconds?: number; headers?: Record<string, string> } = {}): Promise<WrkResult> {
  const args = ['-t1', `-c${opts.connections ?? 50}`, `-d${opts.seconds ?? 10}s`, '--latency'];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}: ${v}`);
  args.push(url);
  return new Promise((resolve, reject) =>
    execFile('wrk', args, { timeout: ((opts.seconds ?? 10) + 30) * 1000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`wrk failed (apt-get install -y wrk): ${err.message} ${stderr}`));
      resolve(parseWrk(stdout));
    }),
  );
}

export interface Child {
  port: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node -r @swc-node/register <script>` and waits for its `listening <port>` line (on stderr). */
export function startChild(script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<Child> {
  const root = path.resolve(__dirname, '../..');
  // a .js script (the built service) runs as is; TypeScript through @swc-node/register
  const loader = script.endsWith('.js') ? [] : ['-r', '@swc-node/register'];
  const proc = spawn(process.execPath, [...nodeArgs, ...loader, script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${err}`)), 120_000);
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening (\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        proc.stderr!.removeAllListeners('data');
        proc.stderr!.resume();
        resolve({
          port: Number(m[1]),
          proc,
          stop: () =>
            new Promise<void>((r) => {
              if (proc.exitCode !== null) return r();
              proc.once('exit', () => r());
              proc.kill('SIGTERM');
              setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
            }),
        });
      }
    });
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${err}`)));
  });
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux; clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8') as string;
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10; // utime, stime (fields 14, 15)
}
