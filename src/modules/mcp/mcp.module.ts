import { Module } from '@nestjs/common';
import { McpController } from './mcp.controller';
import { McpServerFactory } from './mcp-server.factory';

/** The MCP tool surface at /mcp (and `npm run mcp:stdio`), over the REST controllers of the feature modules. */
@Module({
  controllers: [McpController],
  providers: [McpServerFactory],
  exports: [McpServerFactory],
})
export class McpModule {}
