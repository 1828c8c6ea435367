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

  it('aborts a provider that does not answer within the timeout and moves on, at the bound', async () => {
    jest.useFakeTimers();
    try {
      const r = new ChainRunner({ timeoutMs: 8000, now: clock });
      const slow = fake('polygon', ['timeout']);
      let aborted = false;
      const watched = { ...slow, call: (signal: AbortSignal) => (signal.addEventListener('abort', () => (aborted = true)), slow.call(signal)) };
      let settled: any;
      const pending = runWith(r, [watched as any, fake('yahoo', ['ok'])]).then((v) => (settled = v));
      await jest.advanceTimersByTimeAsync(7999);
      expect(settled).toBeUndefined();
      expect(aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await pending;
      expect(aborted).toBe(true);
      expect(settled).toMatchObject({ data_source: 'yahoo' });
      expect(r.breaker('polygon').lastError).toMatch(/^timeout/);
    } finally {
      jest.useRealTimers();
    }
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

  it('returns the last good value flagged stale when every provider fails, but not a day-old one', async () => {
    const r = new ChainRunner({ timeoutMs: 100, now: clock });
    const p = fake('polygon', ['ok', 'upstream']);
    const first = await runWith(r, [p], 'same');
    const second = await runWith(r, [p], 'same');
    expect(first.stale).toBe(false);
    expect(second).toEqual({ ...first, stale: true, cached: false });
    now += 24 * 3_600_000 + 1;
    await expect(runWith(r, [p], 'same')).rejects.toMatchObject({ status: 502 });
  });

  it('does not serve a stale value of another key', async () => {
    const r = new ChainRunner({ timeoutMs: 100, now: clock });
    const p = fake('polygon', ['ok', 'upstream']);
    await runWith(r, [p], 'SPY');
    await expect(runWith(r, [p], 'QQQ')).rejects.toBeInstanceOf(UpstreamError);
  });

  it('throws 503 when every failure was unavailability, 502 when an upstream answered badly, 404 when nobody has data', async () => {
    const r = new ChainRunner({ timeoutMs: 50, now: clock });
    const unavailable = runWith(r, [fake('polygon', ['timeout']), fake('yahoo', ['429'])], 'x');
    await expect(unavailable).rejects.toMatchObject({ status: 503, code: 'upstream_unavailable' });
    const err: UpstreamError = await runWith(r, [fake('polygon', ['timeout']), fake('yahoo', ['429'])], 'x2').catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.attempts.map((a) => a.provider)).toEqual(['polygon', 'yahoo']);
    expect(err.attempts[1].error).toMatch(/^rate_limited/);
    await expect(runWith(r, [fake('tradier', ['malformed'])], 'y')).rejects.toMatchObject({ status: 502, code: 'upstream_bad_response' });
    await expect(runWith(r, [fake('tradier2', ['upstream'])], 'y1')).rejects.toMatchObject({ status: 502 });
    // one bad answer among unavailability is still a bad answer
    await expect(runWith(r, [fake('p3', ['timeout']), fake('p4', ['malformed'])], 'y2')).rejects.toMatchObject({ status: 502 });
    await expect(runWith(r, [fake('p5', ['not_found']), fake('synthetic', ['empty'])], 'z')).rejects.toBeInstanceOf(NoDataError);
    await expect(runWith(r, [], 'none')).rejects.toMatchObject({ status: 404 });
  });

  it('not_found / empty / unsupported move on without counting against the breaker', async () => {
    const r = new ChainRunner({ timeoutMs: 100, now: clock, breaker: { failureThreshold: 1, cooldownMs: 30_000 } });
    const a = fake('polygon', ['not_found', 'empty', 'unsupported', 'ok']);
    for (const k of ['a', 'b', 'c']) await expect(runWith(r, [a, fake('yahoo', ['ok'])], k)).resolves.toMatchObject({ data_source: 'yahoo' });
    expect(r.breaker('polygon').state).toBe('closed');
    expect((await runWith(r, [a], 'd')).data_source).toBe('polygon');
  });

  it('reports a rate-limited provider as degraded with its retry time, ok again after it', async () => {
    const r = new ChainRunner({ timeoutMs: 100, now: clock });
    const limited = fake('polygon', ['429', 'ok']);
    await runWith(r, [limited, fake('yahoo', ['ok'])], 'rl');
    const t429 = now;
    now += 10_000;
    expect(r.states(['polygon'])[0]).toMatchObject({ status: 'degraded', state: 'closed', retry_at: new Date(t429 + 60_000).toISOString(), retry_after_s: 50 });
    now = t429 + 60_000;
    expect(r.states(['polygon'])[0]).toMatchObject({ status: 'ok', retry_at: null, retry_after_s: null });
  });

  it('reports per-provider health: circuit state, last error and when, last success', async () => {
    const r = new ChainRunner({ timeoutMs: 100, now: clock, breaker: { failureThreshold: 2, cooldownMs: 30_000 } });
    const p = fake('polygon', ['ok', 'upstream', 'upstream']);
    await runWith(r, [p], 'h1');
    const okAt = new Date(now).toISOString();
    now += 1000;
    await runWith(r, [p], 'h2').catch(() => undefined);
    await runWith(r, [p], 'h3').catch(() => undefined);
    expect(r.states(['polygon', 'yahoo'])).toEqual([
      { id: 'polygon', status: 'down', state: 'open', retry_at: null, retry_after_s: null, last_error: 'upstream: polygon: upstream', last_error_at: new Date(now).toISOString(), last_success: okAt },
      { id: 'yahoo', status: 'ok', state: 'closed', retry_at: null, retry_after_s: null, last_error: null, last_error_at: null, last_success: null },
    ]);
  });

  it('holds no deadline over an embedded provider: local generation that outlasts the vendor timeout still answers', async () => {
    const r = new ChainRunner({ timeoutMs: 30, now: clock });
    const slowLocal = { id: 'synthetic', call: () => new Promise<Result>((resolve) => setTimeout(() => resolve(ok('synthetic')), 120)) };
    const res = await r.run({ capability: 'market_data', key: 'slow-local', ttlMs: 30_000, providers: [slowLocal], call: (p) => p.call() });
    expect(res).toMatchObject({ data_source: 'synthetic' });
    expect(r.breaker('synthetic').lastError).toBeUndefined();
    const slowLive = { id: 'polygon', call: () => new Promise<Result>((resolve) => setTimeout(() => resolve(ok('polygon')), 120)) };
    await expect(r.run({ capability: 'market_data', key: 'slow-live', ttlMs: 30_000, providers: [slowLive], call: (p) => p.call() })).rejects.toMatchObject({ status: 503 });
  });

  it('never switches from a live vendor to embedded data silently: the result says fallback_from', async () => {
    const r = new ChainRunner({ timeoutMs: 100, now: clock });
    const res = await runWith(r, [fake('polygon', ['upstream']), fake('synthetic', ['ok'])]);
    expect(res).toMatchObject({ data_source: 'synthetic', fallback_from: 'polygon' });
    // also when the vendor simply had no data (synthetic would otherwise invent a symbol's prices unmarked)
    const nf = await runWith(r, [fake('yahoo', ['not_found']), fake('replay', ['empty']), fake('synthetic', ['ok'])], 'nf');
    expect(nf).toMatchObject({ data_source: 'synthetic', fallback_from: 'yahoo' });
    // and when the vendor was skipped (rate limited)
    const limited = fake('tradier', ['429']);
    await runWith(r, [limited, fake('synthetic', ['ok'])], 'rl1');
    expect(await runWith(r, [limited, fake('synthetic', ['ok'])], 'rl2')).toMatchObject({ fallback_from: 'tradier' });
    // live → live and embedded → embedded carry no flag
    expect(await runWith(r, [fake('polygon2', ['upstream']), fake('yahoo2', ['ok'])], 'l')).not.toHaveProperty('fallback_from');
    expect(await runWith(r, [fake('replay', ['not_found']), fake('synthetic', ['ok'])], 'e')).not.toHaveProperty('fallback_from');
  });

  it('serves a second identical call from the cache and shares one upstream call between concurrent ones', async () => {
    const c = cache();
    const r = new ChainRunner({ timeoutMs: 100, now: clock, cache: c });
    const p = fake('polygon', ['ok']);
    const slow = {
      ...p,
      call: async (s: AbortSignal) => {
        await new Promise((res) => setTimeout(res, 20));
        return p.call(s);
      },
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => runWith(r, [slow as any], 'shared')));
    expect(p.calls).toHaveLength(1);
    expect(new Set(results.map((x) => x.value)).size).toBe(1);
    const again = await runWith(r, [slow], 'shared');
    expect(again.cached).toBe(true);
    expect(p.calls).toHaveLength(1);
    await runWith(r, [slow], 'other-key');
    expect(p.calls).toHaveLength(2);
  });

  it('keeps working when the cache itself fails', async () => {
    const r = new ChainRunner({
      timeoutMs: 100,
      now: clock,
      cache: {
        get: async () => {
          throw new Error('redis down');
        },
        set: async () => {
          throw new Error('redis down');
        },
      },
    });
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

  it('closes on a successful trial and counts consecutive failures only', () => {
    let t = 0;
    const b = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 10 }, () => t);
    b.failure('1');
    b.failure('2');
    b.success();
    b.failure('3');
    expect(b.state).toBe('closed');
    b.failure('4');
    b.failure('5');
    expect(b.state).toBe('open');
    t = 10;
    expect(b.tryAcquire().ok).toBe(true);
    b.success();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire().ok).toBe(true);
  });

  it('a Retry-After block lasts exactly until its time, even on a closed circuit', () => {
    let t = 0;
    const b = new CircuitBreaker({ failureThreshold: 5, cooldownMs: 10 }, () => t);
    b.blockFor(5000);
    expect(b.tryAcquire()).toEqual({ ok: false, reason: 'rate_limited', untilMs: 5000 });
    t = 4999;
    expect(b.tryAcquire().ok).toBe(false);
    t = 5000;
    expect(b.tryAcquire().ok).toBe(true);
  });
});
