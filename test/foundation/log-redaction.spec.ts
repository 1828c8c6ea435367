/**
 * Secrets never reach a log line (issue 13 item 10): `/tv?token=<key>` used to write the key to the
 * request log. The request log's URL, the Authorization header and message text are scrubbed.
 */
import * as http from 'node:http';
import pinoHttp from 'pino-http';
import request from 'supertest';
import { loggerParams } from '../../src/bootstrap/logging';
import { scrubSecrets } from '../../src/common/redact';
import { loadConfig } from '../../src/config/load-config';

describe('log redaction', () => {
  it('scrubs token, api_key, apikey, key (any case), bearer tokens and URL passwords', () => {
    expect(scrubSecrets('/tv?token=abc123&plan_id=P1')).toBe('/tv?token=[REDACTED]&plan_id=P1');
    expect(scrubSecrets('GET https://api.polygon.io/v2/aggs?adjusted=true&apiKey=pk_live_9 → 502')).toBe('GET https://api.polygon.io/v2/aggs?adjusted=true&apiKey=[REDACTED] → 502');
    expect(scrubSecrets('/x?API_KEY=1&key=2&Key=3&monkey=4')).toBe('/x?API_KEY=[REDACTED]&key=[REDACTED]&Key=[REDACTED]&monkey=4');
    expect(scrubSecrets('Authorization: Bearer s3cr3t-key')).toBe('Authorization: Bearer [REDACTED]');
    expect(scrubSecrets('redis://user:pw@127.0.0.1:6379')).toBe('redis://[REDACTED]@127.0.0.1:6379');
  });

  it('no secret from the URL, the Authorization header or a message reaches the request log', async () => {
    const lines: string[] = [];
    const params = loggerParams(loadConfig({ LOG_LEVEL: 'info' })).pinoHttp as never;
    const log = pinoHttp(params, { write: (s: string) => void lines.push(s) } as never);
    const server = http.createServer((req, res) => {
      log(req, res);
      (req as unknown as { log: { warn(m: string): void } }).log.warn('upstream https://api.polygon.io/v2/last/trade/SPY?apiKey=SECRET_POLY failed');
      res.end('ok');
    });
    await request(server).get('/tv?token=SECRET_TV&plan_id=P1&api_key=SECRET_2&apikey=SECRET_3&key=SECRET_4').set('Authorization', 'Bearer SECRET_BEARER').set('Cookie', 'sid=SECRET_COOKIE');
    const text = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(2); // the message and the request-completed line
    for (const s of ['SECRET_TV', 'SECRET_2', 'SECRET_3', 'SECRET_4', 'SECRET_POLY', 'SECRET_BEARER', 'SECRET_COOKIE']) expect(text).not.toContain(s);
    expect(text).toContain('plan_id=P1');
    expect(text).toContain('token=[REDACTED]');
  });
});
