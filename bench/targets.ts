/**
 * The issue-14 summary (`npm run bench` prints it last): each bench that measures one of the issue's
 * figures reports it here, beside the anchor it was measured against in the same run, the figure the
 * issue recorded before the work ("issue's today") and the target. Only figures measured in this run
 * are printed; a bench that was not run (a filter, or `wrk` missing) leaves its rows out.
 */
export interface TargetRow {
  /** The issue's row, e.g. "POST /gpt/scan, 100 tickers, warm". */
  what: string;
  /** This run's figure, with its unit, e.g. "29 ms" or "0.48× bare". */
  now: string;
  /** The anchor measured in the same run, e.g. "bare Nest POST p50 1.2 ms". */
  anchor: string;
  /** What the issue recorded before the work. */
  issueToday: string;
  target: string;
  met: boolean;
}

const rows: TargetRow[] = [];

export function reportTarget(row: TargetRow): void {
  rows.push(row);
}

export function printTargets(): void {
  if (!rows.length) return;
  console.log('\n## issue 14 targets (figures of this run; anchors measured in the same run)');
  console.table(Object.fromEntries(rows.map((r) => [r.what, { 'this run': r.now, anchor: r.anchor, "issue's today": r.issueToday, target: r.target, met: r.met ? 'yes' : 'NO' }])));
}
