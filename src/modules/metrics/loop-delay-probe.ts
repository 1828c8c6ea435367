/**
 * Event-loop delay, sample by sample: a timer every `intervalMs` records how late it fired (0 when on
 * time; a 200 ms synchronous stretch gives one sample of ≈ 190 ms). Unlike prom-client's default
 * `nodejs_eventloop_lag_p99_seconds` (a histogram reset at every scrape, so each figure covers only
 * the time since the previous scrape), the samples go into a cumulative Prometheus histogram, so a
 * percentile over any period is read from two scrapes (`npm run soak` does; so does
 * `histogram_quantile` over `rate(...)`). The timer is unref'd and never keeps the process alive.
 */
export class LoopDelayProbe {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(
    private readonly observe: (delaySeconds: number) => void,
    private readonly intervalMs = 10,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(): void {
    if (this.timer) return;
    this.last = this.now();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** One timer firing: the delay since it was due (exposed for tests). */
  tick(): void {
    const t = this.now();
    const late = t - this.last - this.intervalMs;
    this.last = t;
    this.observe(Math.max(0, late) / 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
