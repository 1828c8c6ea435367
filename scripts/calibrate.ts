/**
 * Calibration CLI: replay every scalp/intraday playbook over history with the live engine and follower,
 * write the outcome rows where the service reads them (DATA_DIR/calibration/<source>.json), print a
 * summary per playbook, and with --report the walk-forward reliability table.
 *
 *   npm run calibrate -- --source synthetic [--symbols SPY,QQQ] [--days 60]
 *   npm run calibrate -- --source replay --dir data/replay [--style intraday]
 *   npm run calibrate -- --source replay --dir DIR --report
 *   npm run calibrate -- --source vendor --symbols SPY,QQQ --days 30 [--end 2021-08-13]
 *     (the configured vendor through the provider chain: POLYGON_API_KEY, TRADIER_API_TOKEN …; the run is
 *     written as DATA_DIR/calibration/<vendor id>.json and states odds for plans on that vendor's bars)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCsvBars } from '../src/core/bars/parse-csv-bars';
import { CalibrationBook } from '../src/core/calibration/calibration-book';
import { CALIBRATED_STYLES, replayDay, type DaySource } from '../src/core/calibration/calibration-run';
import { daysOfMinutes } from '../src/core/calibration/csv-days';
import type { Style } from '../src/core/strategies/strategy.types';
import { reliabilityReport, reportRow, sequentialReport, sequentialRow } from '../src/core/calibration/reliability-report';
import type { OutcomeRow } from '../src/core/stats';
import { syntheticDays } from '../src/modules/calibration/synthetic-days';
import { vendorDays } from './vendor-days';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const has = (name: string) => process.argv.includes(`--${name}`);

let sourceName = arg('source') ?? 'synthetic';

async function sources(): Promise<DaySource[]> {
  const source = arg('source') ?? 'synthetic';
  if (source === 'vendor') {
    const symbols = (arg('symbols') ?? 'SPY,QQQ').toUpperCase().split(',').filter(Boolean);
    const end = arg('end') ?? new Date().toISOString().slice(0, 10);
    const out = await vendorDays(symbols, Number(arg('days') ?? 20), end, (m) => console.warn(m));
    if (!out.data_source || !out.sources.length) throw new Error('--source vendor: no vendor served 1-minute history (set a vendor key; see docs/providers.md)');
    sourceName = out.data_source;
    return out.sources;
  }
  if (source === 'synthetic') {
    const symbols = (arg('symbols') ?? 'SPY,QQQ,AAPL,MSFT,IWM').toUpperCase().split(',').filter(Boolean);
    const days = Number(arg('days') ?? 40);
    return symbols.map((s) => syntheticDays(s, Date.now(), days));
  }
  if (source === 'replay') {
    const dir = arg('dir') ?? 'data/replay';
    return fs
      .readdirSync(dir)
      .filter((f) => /_1m\.csv$/i.test(f))
      .map((f) => daysOfMinutes(f.replace(/_1m\.csv$/i, '').toUpperCase(), 'replay', parseCsvBars(fs.readFileSync(path.join(dir, f), 'utf8'))));
  }
  throw new Error(`--source ${source}: use synthetic, replay or vendor`);
}

function report(rows: OutcomeRow[]): void {
  const out = reliabilityReport(rows, CALIBRATED_STYLES);
  console.log('\nwalk-forward: calibrate on the earlier 60 % of plans, state TP1 for the later ones as the service does');
  console.table(out.map(reportRow));
  for (const r of out) if ('bins' in r) console.table(r.bins);
  console.log('as of each plan: every filled plan stated from the outcomes resolved before it (what POST /gpt/plan with as_of states)');
  console.table(sequentialReport(rows, CALIBRATED_STYLES).map(sequentialRow));
}

async function main(): Promise<void> {
  const styles = (arg('style') ? [arg('style') as Style] : CALIBRATED_STYLES) as Style[];
  const srcs = await sources();
  const rows: OutcomeRow[] = [];
  const total = srcs.reduce((s, x) => s + Math.max(0, x.days.length - 2), 0);
  let done = 0;
  const t0 = Date.now();
  for (const src of srcs) {
    for (let k = 2; k < src.days.length; k++) {
      for (const style of styles) rows.push(...replayDay(src, k, style));
      done++;
      const w = 30;
      const f = Math.round((done / total) * w);
      process.stderr.write(`\r[${'#'.repeat(f)}${'.'.repeat(w - f)}] ${done}/${total} days ${src.symbol} ${src.days[k]} — ${rows.length} plans`);
    }
  }
  process.stderr.write(`\n${rows.length} plans in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const source = sourceName;
  const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
  const file = path.join(dataDir, 'calibration', `${source}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(rows));
  fs.renameSync(`${file}.tmp`, file);
  console.log(`wrote ${file} (the service reads it at start for plans on ${source} data)`);
  const book = new CalibrationBook(rows, source);
  const summary = book
    .groupsAsOf(Number.MAX_SAFE_INTEGER)
    .filter((g) => g.segment.dimension === 'all')
    .map((g) => ({
      playbook: g.playbook,
      style: g.style,
      n: g.stats.n,
      'TP1 rate': g.stats.tp[0].rate?.toFixed(3) ?? null,
      'E[R] after costs': g.stats.expectancy_r_after_costs?.mean.toFixed(3) ?? null,
    }));
  console.table(summary);
  if (has('report')) report(rows);
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(2);
});
