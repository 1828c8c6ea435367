/**
 * Time slices for the embedded providers' CPU-bound generation (synthetic minute paths of a symbol
 * the process has not seen yet): between units of work a generator calls `sliceDue()`, which returns
 * nothing while the current slice is shorter than `SLICE_MS` and otherwise a promise of the next turn
 * of the event loop (`setImmediate`), so timers, I/O and other requests get in between.
 *
 * One slice clock for the whole process: concurrent generators (a scan's workers asking for many cold
 * symbols at once) wait on the same pending yield and re-check after it, so only one of them works
 * in each slice. Were each to schedule its own setImmediate, the callbacks would run back to back in
 * one check phase, each followed by a full slice of work, and the loop would not turn for
 * generators × slice. The results are the same as without slicing: generation is a pure function of
 * (symbol, date) and each request reads the service clock once, before its first slice.
 */
export const SLICE_MS = 8;

let sliceStart = 0;
/** A slice is being timed in this turn of the loop (cleared by a setImmediate when the loop turns). */
let timing = false;
let pending: Promise<void> | undefined;
let yields = 0;

/** Start timing at the first call in a turn of the loop: time before it was not generation's to count. */
function timeSlice(): void {
  if (timing) return;
  timing = true;
  sliceStart = performance.now();
  setImmediate(() => (timing = false));
}

function turn(): Promise<void> {
  pending ??= new Promise<void>((resolve) =>
    setImmediate(() => {
      pending = undefined;
      yields++;
      resolve();
    }),
  );
  return pending;
}

async function waitForSlice(): Promise<void> {
  do {
    await turn();
    timeSlice();
  } while (pending || performance.now() - sliceStart >= SLICE_MS);
}

/**
 * `undefined` while the current slice lasts (no await needed: `const y = sliceDue(); if (y) await y;`
 * costs nothing per step), else a promise that resolves once the loop has turned and this caller's
 * slice has begun (re-checked after each turn: one worker per slice).
 */
export function sliceDue(): Promise<void> | undefined {
  timeSlice();
  return pending || performance.now() - sliceStart >= SLICE_MS ? waitForSlice() : undefined;
}

/** `sliceDue` as one await (for call sites where an extra microtask per step does not matter). */
export async function nextSlice(): Promise<void> {
  const y = sliceDue();
  if (y) await y;
}

/** How many times generation gave the loop back (tests, diagnostics). */
export function sliceYields(): number {
  return yields;
}
