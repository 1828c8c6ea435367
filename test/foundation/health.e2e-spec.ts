import request from 'supertest';
import { createTestApp } from '../support/test-app';

describe('health for ops', () => {
  it('is ready on the embedded defaults', async () => {
    const t = await createTestApp();
    try {
      const r = await request(t.http).get('/health/ready').expect(200);
      expect(r.body.details.database).toMatchObject({ status: 'up', dialect: 'sqlite' });
    } finally {
      await t.close();
    }
  });

  it('reports 503 naming the database when Postgres is unreachable, and stays live', async () => {
    const t = await createTestApp({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' });
    try {
      const ready = await request(t.http).get('/health/ready').expect(503);
      expect(ready.body.error).toBe('not_ready');
      expect(ready.body.message).toMatch(/database/);
      expect(ready.body.details.database).toMatchObject({ status: 'down', target: 'postgres 127.0.0.1:1/x' });
      await request(t.http).get('/health/live').expect(200);
      // persistence calls fail fast with a clear 503 instead of hanging or crashing
      const idea = await request(t.http).get('/idea/SPY-intraday-20261124-abcdef').expect(503);
      expect(idea.body).toMatchObject({ error: 'database_unavailable' });
      await request(t.http).get('/health/live').expect(200);
    } finally {
      await t.close();
    }
  });
});

describe('metrics for ops', () => {
  it('exposes Prometheus metrics including per-route HTTP latency', async () => {
    const t = await createTestApp();
    try {
      await request(t.http).get('/health/live').expect(200);
      const r = await request(t.http).get('/metrics').expect(200);
      expect(r.headers['content-type']).toMatch(/text\/plain/);
      expect(r.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="2xx"\} 1/);
      expect(r.text).toMatch(/process_resident_memory_bytes/);
    } finally {
      await t.close();
    }
  });
});
