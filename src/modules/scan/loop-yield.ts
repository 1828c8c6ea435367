/**
 * Cooperative yielding for long CPU loops on the event loop. Work that awaits only cached or
 * synchronous results runs as one chain of microtasks and never lets timers, I/O or other requests
 * in; `due()` returns a promise that resolves on the next macrotask (setImmediate) once `sliceMs`
 * have passed since the last yield, else undefined (cheap when called per item).
 *
 * Concurrent workers (p-limit tasks) share one pending yield: were each to schedule its own
 * setImmediate, the callbacks would all run in the same check phase, each followed by a full slice
 * of that worker's microtasks, and the loop would not turn for workers × slice.
 */
export class LoopYield {
  private last = performance.now();
  private pending: Promise<void> | undefined;
  yields = 0;

  constructor(private readonly sliceMs = 8) {}

  due(): Promise<void> | undefined {
    if (this.pending) return this.pending;
    if (performance.now() - this.last < this.sliceMs) return undefined;
    this.pending = new Promise<void>((resolve) =>
      setImmediate(() => {
        this.pending = undefined;
        this.last = performance.now();
        this.yields++;
        resolve();
      }),
    );
    return this.pending;
  }
}
