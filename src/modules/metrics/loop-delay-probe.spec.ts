import { LoopDelayProbe } from './loop-delay-probe';

describe('LoopDelayProbe', () => {
  it('records how late each firing was, in seconds, never negative', () => {
    let t = 1000;
    const seen: number[] = [];
    const probe = new LoopDelayProbe(
      (s) => seen.push(s),
      10,
      () => t,
    );
    probe.start();
    t += 10; // on time
    probe.tick();
    t += 210; // a 200 ms stall
    probe.tick();
    t += 9; // early (timer coarseness)
    probe.tick();
    probe.stop();
    expect(seen).toEqual([0, 0.2, 0]);
  });

  it('sees a real synchronous stretch of the event loop', async () => {
    const seen: number[] = [];
    const probe = new LoopDelayProbe((s) => seen.push(s));
    probe.start();
    await new Promise((r) => setTimeout(r, 30));
    const until = performance.now() + 120;
    while (performance.now() < until); // block the loop
    await new Promise((r) => setTimeout(r, 30));
    probe.stop();
    expect(Math.max(...seen)).toBeGreaterThanOrEqual(0.1);
  });
});
