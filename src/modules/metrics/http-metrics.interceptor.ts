import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { MetricsService } from './metrics.service';

/** Times every HTTP handler, labelled by route template (never the raw URL: bounded cardinality). */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MetricsService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest();
    const res = ctx.switchToHttp().getResponse();
    const end = this.metrics.httpDuration.startTimer({ method: req.method, route: req.route?.path ?? 'unknown' });
    const done = (status: number) => end({ status: `${Math.floor(status / 100)}xx` });
    return next.handle().pipe(tap({ next: () => done(res.statusCode), error: (e: { status?: number }) => done(typeof e?.status === 'number' ? e.status : 500) }));
  }
}
