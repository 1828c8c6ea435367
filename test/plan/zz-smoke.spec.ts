import request from 'supertest';
import { createPlanTestApp } from '/work/main/test/plan/support/plan-test-app';
it('smoke', async () => {
  const t = await createPlanTestApp('2026-11-20T16:00:00Z');
  try {
    const t0 = Date.now();
    const r = await request(t.http).post('/gpt/plan').send({ symbol: 'spy', style: 'intraday' });
    console.log(r.status, Date.now() - t0, JSON.stringify(r.body).length, JSON.stringify(r.body).slice(0, 1500));
    const t1 = Date.now();
    const s = await request(t.http).post('/gpt/scan').send({ universe: ['SPY','QQQ','AAPL','MSFT','NVDA','TSLA','AMZN','META','GOOGL','AMD','NFLX','JPM','XOM','BA','DIS','IWM','DIA','INTC','CSCO','ORCL'], style: 'intraday' });
    console.log(s.status, Date.now() - t1, JSON.stringify(s.body).length, s.body.count_candidates, s.body.no_setup_count, JSON.stringify(s.body.errors), JSON.stringify(s.body.no_setup).slice(0, 1500), s.body.meta && JSON.stringify(s.body.meta));
  } finally { await t.close(); }
});
