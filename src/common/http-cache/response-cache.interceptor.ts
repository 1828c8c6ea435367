import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, of } from 'rxjs';
import { DEFERRED, hitMarker, type Deferred } from './response-cache.middleware';

/** Serves a cache hit on a rate-limited public route once the guards (auth, throttler) have passed. */
@Injectable()
export class ResponseCacheInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const d = ctx.switchToHttp().getRequest<{ [DEFERRED]?: Deferred }>()[DEFERRED];
    return d ? of(hitMarker(d)) : next.handle();
  }
}
