import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The optional `X-Simulate-Open` header. A custom decorator rather than `@Headers()`, which the OpenAPI
 * generator would publish as a *required* parameter (a GPT cannot send custom headers). It is accepted
 * for old clients but not in the OpenAPI document: the documented way is the body field `simulate_open`
 * (whose description names the header). An optional header parameter also made Schemathesis 4.10's
 * negative-header generator crash (`required: []` refused by its meta-schema), so it is not published.
 */
export const SimulateOpenHeader = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const v = ctx.switchToHttp().getRequest<Request>().headers['x-simulate-open'];
  return Array.isArray(v) ? v[0] : v;
});
