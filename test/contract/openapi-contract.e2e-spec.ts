import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { CONTRACT_ENV, CONTRACT_FILE, contractDiff, contractText } from '../../src/bootstrap/openapi-contract';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The committed contract: docs/openapi.json must equal what the service serves. A route, field or
 * type change (breaking or not) therefore has to update the committed file in the same change.
 */
describe(`committed API contract (${CONTRACT_FILE})`, () => {
  let t: TestApp;
  let served: unknown;
  beforeAll(async () => {
    t = await createTestApp(CONTRACT_ENV);
    served = (await request(t.http).get('/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('equals the served /openapi.json (otherwise: run npm run openapi and commit docs/openapi.json)', () => {
    const file = path.resolve(__dirname, '../..', CONTRACT_FILE);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== contractText(served)) {
      const diff = committed ? contractDiff(JSON.parse(committed), served) : ['(the file is missing)'];
      throw new Error(
        `${CONTRACT_FILE} differs from the served /openapi.json — run \`npm run openapi\` and commit ${CONTRACT_FILE} ` +
          `(a removed or narrowed field/route is a breaking change: say so in the commit). Differences:\n  ${diff.join('\n  ')}`,
      );
    }
  });

  it('is sorted and deterministic: a second app serves the identical document', async () => {
    const t2 = await createTestApp(CONTRACT_ENV);
    try {
      const again = (await request(t2.http).get('/openapi.json').expect(200)).text;
      expect(again).toBe(JSON.stringify(served));
    } finally {
      await t2.close();
    }
    const keys = Object.keys((served as { paths: object }).paths);
    expect(keys).toEqual([...keys].sort());
  });

  it('documents a response body on every operation and the shared error schema on every error status', () => {
    const problems: string[] = [];
    for (const [p, item] of Object.entries<any>((served as any).paths)) {
      for (const [m, op] of Object.entries<any>(item)) {
        const ok = op.responses?.['200'] ?? op.responses?.['201'];
        if (!ok?.content) problems.push(`${m.toUpperCase()} ${p}: no 2xx body`);
        for (const [status, r] of Object.entries<any>(op.responses ?? {})) {
          if (Number(status) >= 400 && r.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorResponse') problems.push(`${m} ${p} ${status}: not ErrorResponse`);
        }
        if (op.security === undefined) problems.push(`${m} ${p}: security not stated`);
      }
    }
    expect(problems).toEqual([]);
  });
});
