/**
 * Structured request logs. Secrets never reach a log line (issue 13 item 10: `/tv?token=<key>` used
 * to write the key to the request log): the access log's URL, the Authorization header and message
 * text are scrubbed. Every line logged while a request is handled carries its request id, and the
 * access log writes exactly one line per request with method, URL, status and time (issue 14 replaced
 * pino-http with src/bootstrap/logging.ts's accessLog; the line's fields did not change).
 */
import * as http from 'node:http';
import { Controller, Get, HttpException, Logger as NestLogger, Module, Query } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger, LoggerModule } from 'nestjs-pino';
import request from 'supertest';
import { accessLog, loggerOf, loggerParams, rootLogger } from '../../src/bootstrap/logging';
import { scrubSecrets } from '../../src/common/redact';
import { loadConfig } from '../../src/config/load-config';

type Line = Record<string, unknown> & { msg?: string; request_id?: string; req?: { id: string; method: string; url: string }; res?: { statusCode: number }; responseTime?: number; level: number };

function sink() {
  const lines: string[] = [];
  return {
    lines,
    parsed: (): Line[] =>
      lines
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Line),
    stream: { write: (s: string) => void lines.push(s) },
  };
}

describe('log redaction', () => {
  it('scrubs token, api_key, apikey, key (any case), bearer tokens and URL passwords', () => {
    expect(scrubSecrets('/tv?token=abc123&plan_id=P1')).toBe('/tv?token=[REDACTED]&plan_id=P1');
    expect(scrubSecrets('GET https://api.polygon.io/v2/aggs?adjusted=true&apiKey=pk_live_9 → 502')).toBe('GET https://api.polygon.io/v2/aggs?adjusted=true&apiKey=[REDACTED] → 502');
    expect(scrubSecrets('/x?API_KEY=1&key=2&Key=3&monkey=4')).toBe('/x?API_KEY=[REDACTED]&key=[REDACTED]&Key=[REDACTED]&monkey=4');
    expect(scrubSecrets('Authorization: Bearer s3cr3t-key')).toBe('Authorization: Bearer [REDACTED]');
    expect(scrubSecrets('redis://user:pw@127.0.0.1:6379')).toBe('redis://[REDACTED]@127.0.0.1:6379');
  });

  it('no secret from the URL, the Authorization header or a message reaches the request log', async () => {
    const out = sink();
    const log = accessLog(rootLogger(loadConfig({ LOG_LEVEL: 'info' }), out.stream));
    const server = http.createServer((req, res) =>
      log(req, res, () => {
        const r = req as unknown as { log: { warn(o: object, m?: string): void } };
        r.log.warn({ headers: { authorization: req.headers.authorization, cookie: req.headers.cookie } }, 'upstream https://api.polygon.io/v2/last/trade/SPY?apiKey=SECRET_POLY failed');
        res.end('ok');
      }),
    );
    await request(server).get('/tv?token=SECRET_TV&plan_id=P1&api_key=SECRET_2&apikey=SECRET_3&key=SECRET_4').set('Authorization', 'Bearer SECRET_BEARER').set('Cookie', 'sid=SECRET_COOKIE');
    const text = out.lines.join('');
    expect(out.lines.length).toBe(2); // the message and the request-completed line
    for (const s of ['SECRET_TV', 'SECRET_2', 'SECRET_3', 'SECRET_4', 'SECRET_POLY', 'SECRET_BEARER', 'SECRET_COOKIE']) expect(text).not.toContain(s);
    expect(text).toContain('plan_id=P1');
    expect(text).toContain('token=[REDACTED]');
    expect(text).toContain('"authorization":"[REDACTED]"');
  });

  it('writes one line per request with its id, method, URL, status and time; none for /health/*; 5xx at error', async () => {
    const out = sink();
    const log = accessLog(rootLogger(loadConfig({ LOG_LEVEL: 'info' }), out.stream));
    const server = http.createServer((req, res) =>
      log(req, res, () => {
        res.statusCode = req.url === '/boom' ? 503 : 201;
        res.end('x');
      }),
    );
    const a = await request(server).get('/gpt/context/SPY?interval=5m').set('X-Request-Id', 'abc-123');
    await request(server).get('/health/ready');
    const b = await request(server).get('/boom');
    const lines = out.parsed();
    expect(lines).toHaveLength(2);
    expect(a.headers['x-request-id']).toBe('abc-123');
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      request_id: 'abc-123',
      req: { id: 'abc-123', method: 'GET', url: '/gpt/context/SPY?interval=5m' },
      res: { statusCode: 201 },
    });
    expect(typeof lines[0].responseTime).toBe('number');
    expect(lines[1]).toMatchObject({ level: 50, request_id: b.headers['x-request-id'], res: { statusCode: 503 } });
    // an id that is not a sane token is replaced, never echoed
    const c = await request(server).get('/x').set('X-Request-Id', 'bad id\u00e9');
    expect(c.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('says "request aborted" when the client goes away before the response ends', async () => {
    const out = sink();
    const log = accessLog(rootLogger(loadConfig({ LOG_LEVEL: 'info' }), out.stream));
    // resolved by a 'close' listener added after the access log's own, so its line is written by then
    let serverSawClose!: () => void;
    const closed = new Promise<void>((r) => (serverSawClose = r));
    const server = http.createServer((req, res) =>
      log(req, res, () => {
        res.once('close', serverSawClose);
        res.write('partial');
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const r = http.get({ port, host: '127.0.0.1', path: '/slow' }, (res) => res.once('data', () => r.destroy()));
    r.on('error', () => undefined);
    // the server notices the client leaving on its own; on a loaded machine that can take a while, and
    // dropping the server side too ends the response just the same (unfinished: aborted)
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((w) => (timer = setTimeout(w, 5000)))]);
    clearTimeout(timer);
    server.closeAllConnections();
    await closed;
    await new Promise((r) => server.close(r));
    expect(out.parsed()).toEqual([expect.objectContaining({ msg: 'request aborted', req: expect.objectContaining({ url: '/slow' }) })]);
  });

  it("lines a Nest service logs while handling a request carry that request's id", async () => {
    const out = sink();
    const params = loggerParams(loadConfig({ LOG_LEVEL: 'info' }), out.stream);
    @Controller()
    class ProbeController {
      private readonly log = new NestLogger('Probe');
      @Get('probe')
      probe(@Query('n') n: string) {
        this.log.warn(`probe ${n} with https://x.test/?token=SECRET_IN_MESSAGE`);
        if (n === 'fail') throw new HttpException('nope', 502);
        return { ok: true };
      }
    }
    @Module({ imports: [LoggerModule.forRoot(params)], controllers: [ProbeController] })
    class ProbeModule {}
    const mod = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    const app = mod.createNestApplication<NestExpressApplication>({ bufferLogs: true });
    app.useLogger(app.get(Logger));
    app.use(accessLog(loggerOf(params)));
    await app.init();
    try {
      const r1 = await request(app.getHttpServer()).get('/probe?n=1').expect(200);
      const r2 = await request(app.getHttpServer()).get('/probe?n=2').expect(200);
      const lines = out.parsed().filter((l) => typeof l.request_id === 'string');
      const warn1 = lines.find((l) => l.msg?.startsWith('probe 1'));
      const warn2 = lines.find((l) => l.msg?.startsWith('probe 2'));
      expect(warn1).toMatchObject({ level: 40, context: 'Probe', request_id: r1.headers['x-request-id'] });
      expect(warn2).toMatchObject({ level: 40, request_id: r2.headers['x-request-id'] });
      expect(warn1!.msg).toContain('token=[REDACTED]');
      expect(lines.filter((l) => l.msg === 'request completed').map((l) => l.request_id)).toEqual([r1.headers['x-request-id'], r2.headers['x-request-id']]);
      expect(out.lines.join('')).not.toContain('SECRET_IN_MESSAGE');
    } finally {
      await app.close();
    }
  });
});
