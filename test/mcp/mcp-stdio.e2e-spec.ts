import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { tempDataDir } from '../support/test-app';

/** `npm run mcp:stdio` as a local MCP client spawns it: protocol on stdout only, tools answering. */
describe('MCP over stdio (npm run mcp:stdio)', () => {
  it('lists the tools and answers a plan with provenance', async () => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(DATABASE_URL|DB_URL|REDIS_URL|BACKEND_API_KEY)/.test(k)) env[k] = v;
    const client = new Client({ name: 'e2e-stdio', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['-r', '@swc-node/register', 'src/mcp-stdio.ts'],
      cwd: path.resolve(__dirname, '../..'),
      env: { ...env, DATA_DIR: tempDataDir('tc-mcp-stdio-'), LOG_LEVEL: 'warn', MCP_USER_ID: 'stdio-user', CALIBRATION_ON_START: '0' },
      stderr: 'ignore',
    });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('plan');
      const r: any = await client.callTool({ name: 'plan', arguments: { symbol: 'SPY', style: 'swing' } });
      const body = JSON.parse(r.content[0].text);
      expect(['ok', 'no_setup']).toContain(body.status);
      expect(body.data_source).toBe('synthetic');
    } finally {
      await client.close();
    }
  });
});
