/**
 * Cooperative yielding for long CPU loops on the event loop. Work that awaits only cached or
 * synchronous results runs as one chain of microtasks and never lets timers, I/O or other requests
 * in; `due()` returns a promise that resolves on the next macrotask (setImmediate) once `sliceMs`
 * have passed since the last yield, else resolves at once (cheap when called per item).
 */
export class LoopYield {
  private last = performance.now();
  yields = 0;

  constructor(private readonly sliceMs = 8) {}

  due(): Promise<void> | undefined {
    if (performance.now() - this.last < this.sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        this.last = performance.now();
        this.yields++;
        resolve();
      }),
    );
  }
}
