/**
 * `npm run mcp:stdio`: the MCP tools over stdin/stdout for local clients that spawn a process
 * (Claude Desktop, Cursor, …). Same Nest services and configuration (.env / environment) as the HTTP
 * server, no HTTP port. The caller is MCP_USER_ID (default "anonymous"): whoever can start the process
 * already holds the configuration, so no Bearer key is asked. stdout carries only protocol messages;
 * every log line goes to stderr.
 */
import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { AppModule } from './app.module';
import { scrubSecrets } from './common/redact';
import { McpServerFactory } from './modules/mcp/mcp-server.factory';

/** Nest's console logger, but on stderr whatever the level (stdout belongs to the protocol). */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(messages: unknown[], context = '', logLevel: Parameters<ConsoleLogger['log']>[0] = 'log'): void {
    super.printMessages(messages, context, logLevel as never, 'stderr');
  }
}

async function main(): Promise<void> {
  const userId = process.env.MCP_USER_ID ?? 'anonymous';
  if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(userId)) throw new Error('MCP_USER_ID must be 1-64 of A-Z a-z 0-9 _ . @ -');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: new StderrLogger('mcp', { logLevels: ['error', 'warn', 'log'] }) });
  const server = app.get(McpServerFactory).create(userId);
  await server.connect(new StdioServerTransport());
  const stop = async () => {
    await server.close();
    await app.close();
    process.exit(0);
  };
  process.stdin.on('end', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err) => {
  process.stderr.write(`trading-coach mcp:stdio failed to start: ${scrubSecrets(String(err?.stack ?? err))}\n`);
  process.exit(1);
});
