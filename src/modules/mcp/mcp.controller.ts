import { All, Controller, ForbiddenException, HttpException, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { originPolicy, OriginPolicy } from './mcp-origin';
import { McpServerFactory } from './mcp-server.factory';

/**
 * POST /mcp: the Model Context Protocol over streamable HTTP, stateless (no session id; every request
 * is self-contained), JSON responses. Behind the global AuthGuard like every REST route (401 without
 * the Bearer key when one is configured); the caller's user id scopes every tool. GET (server-sent
 * stream) and DELETE (session end) are 405: a stateless server has neither.
 */
@ApiExcludeController()
@Controller('mcp')
export class McpController {
  private readonly policy: OriginPolicy;
  constructor(
    private readonly servers: McpServerFactory,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = originPolicy(config);
  }

  @Post()
  async handle(@CurrentUser() userId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const refused = this.policy.check(req.headers.host, req.headers.origin);
    if (refused) throw new ForbiddenException(refused);
    const server = this.servers.create(userId);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  }

  @All()
  other(@Res({ passthrough: true }) res: Response): never {
    res.setHeader('Allow', 'POST');
    throw new HttpException('this MCP endpoint is stateless: use POST', 405);
  }
}
