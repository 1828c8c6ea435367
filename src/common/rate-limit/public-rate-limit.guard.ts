import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { IS_PUBLIC } from '../auth/public.decorator';

/**
 * Per-client rate limit on the public routes (the /tv page and its datafeed, /metrics when public):
 * the routes anyone can reach without a key. Keyed routes are not limited here (a key is already an
 * identity an operator can revoke). Health probes are never limited. The client is the request's IP
 * (`trust proxy` is loopback only, so X-Forwarded-For counts only behind a local proxy).
 */
@Injectable()
export class PublicRateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<{ path?: string; url?: string }>();
    if ((req.path ?? req.url ?? '').startsWith('/health/')) return true;
    return !this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
  }
}
