import { FailOpenStorage } from './fail-open.storage';

describe('FailOpenStorage', () => {
  const record = { totalHits: 7, timeToExpire: 30, isBlocked: true, timeToBlockExpire: 30 };

  it("passes the inner store's answer through", async () => {
    const s = new FailOpenStorage({ increment: async () => record });
    await expect(s.increment('k', 60_000, 5, 60_000, 'default')).resolves.toEqual(record);
  });

  it('lets the request through when the inner store throws or hangs past its budget', async () => {
    const broken = new FailOpenStorage({ increment: async () => Promise.reject(new Error('ECONNREFUSED')) });
    await expect(broken.increment('k', 60_000, 5, 60_000, 'default')).resolves.toMatchObject({ isBlocked: false, totalHits: 0 });
    const hung = new FailOpenStorage({ increment: () => new Promise(() => undefined) }, 20);
    const t0 = Date.now();
    await expect(hung.increment('k', 60_000, 5, 60_000, 'default')).resolves.toMatchObject({ isBlocked: false });
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
