import { UpstreamError } from '../../../src/common/errors';
import { ChainRunner, NoDataError } from '../../../src/providers/chain/chain-runner';
import { CircuitBreaker } from '../../../src/providers/chain/circuit-breaker';
import { classifyFailure } from '../../../src/providers/chain/error-policy';
import { ProviderError } from '../../../src/providers/provider.errors';

type Result = { value: number; data_source: string; stale: boolean };
const ok = (id: string, value = 1): Result => ({ value, data_source: id, stale: false });

/** A fake provider whose behaviour is scripted per call. */
function fake(id: string, script: Array<'ok' | 'timeout' | 'upstream' | 'malformed' | 'not_found' | 'empty' | 'unsupported' | '429'>) {
  let i = 0;
  const calls: number[] = [];
  return {
    id,
    calls,
    call: async (signal: AbortSignal): Promise<Result> => {
      const step = script[Math.min(i++, script.length - 1)];
      calls.push(i);
      switch (step) {
        case 'ok':
          return ok(id, i);
        case 'timeout':
          return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new ProviderError(id, 'timeout', 'aborted'))));
        case '429':
          throw new ProviderError(id, 'rate_limited', 'HTTP 429', 60_000);
        default:
          throw new ProviderError(id, step, step);
      }
    },
  };
}

function cache() {
  const m = new Map<string, unknown>();
  return { m, get: async (k: string) => m.get(k) as any, set: async (k: string, v: unknown) => void m.set(k, v) };
}

describe('ChainRunner', () => {
  let now = 1_000_000;
  const clock = () => now;
  const runWith = (runner: ChainRunner, providers: ReturnType<typeof fake>[], key = 'k') =>
    runner.run({ capability: 'market_data', key, ttlMs: 30_000, providers, call: (p, signal) => p.call(signal) });

  it('falls back in order and reports who answered', async () => {
    const r = new ChainRunner({ timeoutMs: 200, now: clock });
    const a = fake('polygon', ['upstream']);
    const b = fake('yahoo', ['ok']);
    await expect(runWith(r, [a, b])).resolves.toMatchObject({ data_source: 'yahoo', stale: false });
  });

  it('aborts a provider that does not answer within the timeout and moves on, within the bound', async () => {
    const r = new ChainRunner({ timeoutMs: 100, now: clock });
    const t0 = Date.now();
    const res = await runWith(r, [fake('polygon', ['timeout']), fake('yahoo', ['ok'])]);
    expect(res.data_source).toBe('yahoo');
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('opens the breaker after repeated failures, skips the provider, and closes it after a cool-down and a success', async () => {
    const r = new ChainRunner({ timeoutMs: 100, now: clock, breaker: { failureThreshold: 3, cooldownMs: 30_000 } });
    const flaky = fake('polygon', ['upstream', 'upstream', 'upstream', 'ok']);
    const backup = fake('yahoo', ['ok']);
    for (let i = 0; i < 3; i++) await runWith(r, [flaky, backup], `k${i}`);
    expect(r.breaker('polygon').state).toBe('open');
    await runWith(r, [flaky, backup], 'k3');
    expect(flaky.calls).toHaveLength(3); // skipped while open
    now += 30_000;
    expect(r.breaker('polygon').state).toBe('half_open');
    const res = await runWith(r, [flaky, backup], 'k4');
    expect(res.data_source).toBe('polygon');
    expect(r.breaker('polygon').state).toBe('closed');
  });

  it('honours 429 Retry-After: the provider is not called again until then', async () => {
    const r = new ChainRunner({ timeoutMs: 100, now: clock });
    const limited = fake('polygon', ['429', 'ok']);
    const backup = fake('yahoo', ['ok']);
    await runWith(r, [limited, backup], 'a');
    await runWith(r, [limited, backup], 'b');
    expect(limited.calls).toHaveLength(1);
    now += 61_000;
    expect((await runWith(r, [limited, backup], 'c')).data_source).toBe('polygon');
  });

  it('returns the last good value flagged stale when every provider fails', async () => {
    const r = new ChainRunner({ timeoutMs: 100, now: clock });
    const p = fake('polygon', ['ok', 'upstream']);
    const first = await runWith(r, [p], 'same');
    const second = await runWith(r, [p], 'same');
    expect(second).toEqual({ ...first, stale: true, cached: false });
  });

  it('throws 503 for unavailability, 502 for bad answers, 404 when nobody has data', async () => {
    const r = new ChainRunner({ timeoutMs: 50, now: clock });
    await expect(runWith(r, [fake('polygon', ['timeout'])], 'x')).rejects.toMatchObject({ status: 503, code: 'upstream_unavailable' });
    const bad = runWith(r, [fake('yahoo', ['malformed'])], 'y');
    await expect(bad).rejects.toBeInstanceOf(UpstreamError);
    await expect(runWith(r, [fake('yahoo2', ['malformed'])], 'y2')).rejects.toMatchObject({ status: 502 });
    await expect(runWith(r, [fake('polygon', ['not_found']), fake('synthetic', ['empty'])], 'z')).rejects.toBeInstanceOf(NoDataError);
  });

  it('never switches from a live vendor to embedded data silently: the result says fallback_from', async () => {
    const r = new ChainRunner({ timeoutMs: 100, now: clock });
    const res = await runWith(r, [fake('polygon', ['upstream']), fake('synthetic', ['ok'])]);
    expect(res).toMatchObject({ data_source: 'synthetic', fallback_from: 'polygon' });
  });

  it('serves a second identical call from the cache and shares one upstream call between concurrent ones', async () => {
    const c = cache();
    const r = new ChainRunner({ timeoutMs: 100, now: clock, cache: c });
    const p = fake('polygon', ['ok']);
    const slow = { ...p, call: async (s: AbortSignal) => { await new Promise((res) => setTimeout(res, 20)); return p.call(s); } };
    const results = await Promise.all(Array.from({ length: 10 }, () => runWith(r, [slow as any], 'shared')));
    expect(p.calls).toHaveLength(1);
    expect(new Set(results.map((x) => x.value)).size).toBe(1);
    const again = await runWith(r, [slow as any], 'shared');
    expect(again.cached).toBe(true);
    expect(p.calls).toHaveLength(1);
    await runWith(r, [slow as any], 'other-key');
    expect(p.calls).toHaveLength(2);
  });

  it('keeps working when the cache itself fails', async () => {
    const r = new ChainRunner({ timeoutMs: 100, now: clock, cache: { get: async () => { throw new Error('redis down'); }, set: async () => { throw new Error('redis down'); } } });
    await expect(runWith(r, [fake('polygon', ['ok'])])).resolves.toMatchObject({ data_source: 'polygon' });
  });
});

describe('failure policy and breaker (pure)', () => {
  it('classifies failures', () => {
    expect(classifyFailure(new ProviderError('p', 'not_found', 'x'))).toMatchObject({ breakerFailure: false });
    expect(classifyFailure(new ProviderError('p', 'rate_limited', 'x', 5000))).toMatchObject({ breakerFailure: true, unavailable: true, retryAfterMs: 5000 });
    expect(classifyFailure(new ProviderError('p', 'malformed', 'x'))).toMatchObject({ breakerFailure: true, unavailable: false });
    expect(classifyFailure(new Error('socket hang up'))).toMatchObject({ kind: 'upstream', breakerFailure: true, unavailable: true });
  });

  it('lets exactly one trial through when half-open', () => {
    let t = 0;
    const b = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 10 }, () => t);
    b.failure('x');
    expect(b.tryAcquire().ok).toBe(false);
    t = 10;
    expect(b.tryAcquire().ok).toBe(true);
    expect(b.tryAcquire().ok).toBe(false);
    b.failure('again');
    expect(b.state).toBe('open');
  });
});
