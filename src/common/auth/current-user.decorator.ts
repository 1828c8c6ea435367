import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The caller's user id, set by AuthGuard from the Bearer key (and X-User-Id); "anonymous" without auth. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<{ userId?: string }>();
  return req.userId ?? 'anonymous';
});
