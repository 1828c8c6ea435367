import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { LoopDelayProbe } from './loop-delay-probe';

/** Prometheus metrics for ops: process defaults, HTTP latency by route, provider calls by outcome. */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly providerCalls = new Counter({
    name: 'provider_calls_total',
    help: 'Provider calls by capability, provider and outcome (ok, cached, stale, error kind)',
    labelNames: ['capability', 'provider', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly plansGenerated = new Counter({
    name: 'plans_generated_total',
    help: 'Plans returned by /gpt/plan and /gpt/scan, by style and data_source',
    labelNames: ['style', 'data_source'] as const,
    registers: [this.registry],
  });

  /** Cumulative event-loop delay samples (one per 10 ms timer, see LoopDelayProbe). */
  readonly loopDelay = new Histogram({
    name: 'eventloop_delay_seconds',
    help: 'How late a 10 ms timer fired, sample by sample (cumulative; read percentiles over a period from two scrapes)',
    buckets: [0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.2, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly probe = new LoopDelayProbe((s) => this.loopDelay.observe(s));

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.probe.start();
  }

  onModuleDestroy(): void {
    this.probe.stop();
  }
}
