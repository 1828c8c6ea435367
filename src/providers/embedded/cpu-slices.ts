/**
 * Time slices for the embedded providers' CPU-bound generation (synthetic minute paths of a symbol
 * the process has not seen yet): between units of work a generator calls `await nextSlice()`, which
 * resolves at once while the current slice is shorter than `SLICE_MS` and otherwise on the next turn
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

/** Resolve now while the slice lasts; else after the loop has turned (re-checked: one worker per slice). */
export async function nextSlice(): Promise<void> {
  timeSlice();
  while (pending || performance.now() - sliceStart >= SLICE_MS) {
    await turn();
    timeSlice();
  }
}

/** How many times generation gave the loop back (tests, diagnostics). */
export function sliceYields(): number {
  return yields;
}
