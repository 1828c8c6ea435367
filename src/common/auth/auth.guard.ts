import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { resolveCaller } from './api-keys';
import { IS_PUBLIC, IS_PUBLIC_WHEN } from './public.decorator';

/** Global HTTP guard: sets req.userId; 401 without a valid Bearer key when auth is configured. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true; // WebSocket gateways authenticate on connect
    const req = ctx.switchToHttp().getRequest();
    const when = this.reflector.getAllAndOverride<((c: AppConfig) => boolean) | undefined>(IS_PUBLIC_WHEN, [ctx.getHandler(), ctx.getClass()]);
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]) || (when?.(this.config) ?? false);
    const result = resolveCaller(this.config.auth.keys, req.headers['authorization'], req.headers['x-user-id']);
    if (result.ok) {
      req.userId = result.userId;
      return true;
    }
    if (isPublic) {
      req.userId = 'anonymous';
      return true;
    }
    throw new UnauthorizedException(result.reason === 'missing' ? 'Missing bearer token' : 'Invalid bearer token');
  }
}
