import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The optional `X-Simulate-Open` header. A custom decorator rather than `@Headers()`, which the OpenAPI
 * generator would publish as a *required* parameter (a GPT cannot send custom headers); routes document
 * it once with `@ApiHeader({ required: false })`.
 */
export const SimulateOpenHeader = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const v = ctx.switchToHttp().getRequest<Request>().headers['x-simulate-open'];
  return Array.isArray(v) ? v[0] : v;
});
