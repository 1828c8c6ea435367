/**
 * The as-of context's volume median: the median volume of the last ≤40 regular bars of the session
 * up to bar i (≤20 bars of any kind on daily frames). A replay asks for bar i, then i+1, …: the
 * session window is kept sorted per frame and slid by one bar, so a step costs one insert and one
 * removal instead of a sort. Results equal a numeric sort of the same values: finite values other
 * than −0 are handled incrementally; a window holding anything else (NaN, ±Infinity, −0) is sorted
 * the plain way with `(a, b) => a − b`, exactly as before.
 */
import type { Frame } from './frame';

const SESSION_BARS = 40;

function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const plainValue = (v: number): boolean => Number.isFinite(v) && !Object.is(v, -0);

/** Median of the last ≤`max` volumes walking back from bar i to `stop` (regular bars only when asked). */
export function volumeMedian(frame: Frame, i: number, stop: number, max: number, regularOnly: boolean): number {
  const vols: number[] = [];
  for (let k = i; k >= stop && vols.length < max; k--) if (!regularOnly || frame.regular[k]) vols.push(frame.bars[k].volume);
  return median(vols);
}

interface SessionWindow {
  /** As-of index and session start the window describes. */
  i: number;
  start: number;
  n: number;
  /** Volumes in arrival order (ring, oldest at head) and sorted ascending. */
  ring: Float64Array;
  head: number;
  sorted: Float64Array;
}

const windows = new WeakMap<Frame, SessionWindow>();

function insertSorted(w: SessionWindow, v: number): void {
  let j = w.n;
  while (j > 0 && w.sorted[j - 1] > v) {
    w.sorted[j] = w.sorted[j - 1];
    j--;
  }
  w.sorted[j] = v;
}

function removeSorted(w: SessionWindow, v: number, count: number): void {
  let j = 0;
  while (j < count && w.sorted[j] !== v) j++;
  for (; j < count - 1; j++) w.sorted[j] = w.sorted[j + 1];
}

/** Fill the window from scratch for bar i; false when a value needs the plain sort. */
function rebuild(w: SessionWindow, frame: Frame, i: number, start: number): boolean {
  const picked: number[] = [];
  for (let k = i; k >= start && picked.length < SESSION_BARS; k--) if (frame.regular[k]) picked.push(frame.bars[k].volume);
  w.i = i;
  w.start = start;
  w.n = 0;
  w.head = 0;
  for (let k = picked.length - 1; k >= 0; k--) {
    const v = picked[k];
    if (!plainValue(v)) {
      w.i = -1;
      return false;
    }
    w.ring[w.n] = v;
    insertSorted(w, v);
    w.n++;
  }
  return true;
}

/** Median volume of the last ≤40 regular bars from bar i back to the session start `start`. */
export function sessionVolumeMedian(frame: Frame, i: number, start: number): number {
  let w = windows.get(frame);
  if (!w) {
    w = { i: -1, start: -1, n: 0, ring: new Float64Array(SESSION_BARS), head: 0, sorted: new Float64Array(SESSION_BARS) };
    windows.set(frame, w);
  }
  if (w.i === i && w.start === start) {
    // same bar again (live: several callers)
  } else if (w.i === i - 1 && w.start === start && i > start) {
    if (frame.regular[i]) {
      const v = frame.bars[i].volume;
      if (!plainValue(v)) {
        w.i = -1;
        return volumeMedian(frame, i, start, SESSION_BARS, true);
      }
      if (w.n < SESSION_BARS) {
        w.ring[(w.head + w.n) % SESSION_BARS] = v;
        insertSorted(w, v);
        w.n++;
      } else {
        removeSorted(w, w.ring[w.head], w.n);
        w.ring[w.head] = v;
        w.head = (w.head + 1) % SESSION_BARS;
        w.n--;
        insertSorted(w, v);
        w.n++;
      }
    }
    w.i = i;
  } else if (!rebuild(w, frame, i, start)) {
    return volumeMedian(frame, i, start, SESSION_BARS, true);
  }
  if (!w.n) return NaN;
  const m = w.n >> 1;
  return w.n % 2 ? w.sorted[m] : (w.sorted[m - 1] + w.sorted[m]) / 2;
}
