/**
 * Memory probe (a script, not a test): boots the whole app in-process on the embedded default data,
 * requests bars for N distinct symbols through the public /tv-api/bars route (5-minute and daily
 * bars per symbol, a few at a time) and prints RSS and heap as it goes.
 *
 *   node -r @swc-node/register scripts/memory-probe.ts [N=10000] [concurrency=8]
 *   node --expose-gc -r @swc-node/register scripts/memory-probe.ts 10000   # also prints RSS after a GC
 *
 * The rate limit is switched off for the probe (one client asking 20,000 times would be limited).
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';

const N = Number(process.argv[2] ?? 10_000);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const mb = (b: number) => (b / 1024 / 1024).toFixed(0);

/** AAAA, AAAB, … (letters only: a valid ticker for every route). */
function symbolOf(i: number): string {
  let s = '';
  for (let k = 0; k < 4; k++, i = Math.floor(i / 26)) s = String.fromCharCode(65 + (i % 26)) + s;
  return `Z${s}`;
}

function row(label: string, done: number): void {
  const m = process.memoryUsage();
  process.stdout.write(
    `| ${label.padEnd(14)} | ${String(done).padStart(6)} | ${mb(m.rss).padStart(7)} | ${mb(m.heapUsed).padStart(8)} | ${mb(m.heapTotal).padStart(9)} | ${mb(m.external).padStart(11)} |\n`,
  );
}

async function main(): Promise<void> {
  Object.assign(process.env, {
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'tc-memprobe-')),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PUBLIC: '0',
    MARKET_DATA_PROVIDERS: 'synthetic',
    NODE_ENV: 'production',
  });
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../src/app.module');
  const { configureApp } = await import('../src/bootstrap/configure-app');
  const app = await NestFactory.create(AppModule as never, { bodyParser: false, logger: false });
  configureApp(app as never);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

  process.stdout.write(`memory probe: ${N} distinct symbols, /tv-api/bars 5-minute + daily each, ${CONCURRENCY} at a time, Node ${process.version}\n\n`);
  process.stdout.write('| point          | symbols | RSS MB | heap used MB | heap total MB | external MB |\n|---|---:|---:|---:|---:|---:|\n');
  row('after boot', 0);
  let next = 0;
  let done = 0;
  let errors = 0;
  const step = Math.max(1, Math.floor(N / 10));
  const t0 = Date.now();
  const worker = async () => {
    while (next < N) {
      const sym = symbolOf(next++);
      for (const resolution of ['5', '1D']) {
        const r = await fetch(`${base}/tv-api/bars?symbol=${sym}&resolution=${resolution}`);
        if (r.status !== 200) errors++;
        await r.arrayBuffer();
      }
      if (++done % step === 0) row('after', done);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    row('after GC', done);
  }
  const { syntheticPathCacheStats } = await import('../src/providers/embedded/synthetic-path');
  const { CACHE_MANAGER } = await import('@nestjs/cache-manager');
  const lru = (app.get(CACHE_MANAGER) as { stores?: Array<{ store?: { lru?: { size: number; calculatedSize: number } } }> }).stores?.[0]?.store?.lru;
  const paths = syntheticPathCacheStats();
  const m = process.memoryUsage();
  process.stdout.write(
    `\ncaches: synthetic paths ${paths.symbols} symbols ≈${mb(paths.bytes)} MB; provider cache ${lru?.size ?? '?'} entries ≈${mb(lru?.calculatedSize ?? 0)} MB (estimate); external ${mb(m.external)} MB, of it array buffers ${mb(m.arrayBuffers)} MB\n`,
  );
  process.stdout.write(`${done} symbols in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${errors} non-200 answers\n`);
  await app.close();
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
