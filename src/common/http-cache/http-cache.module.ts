import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ResponseCacheInterceptor } from './response-cache.interceptor';
import { ResponseCacheMiddleware } from './response-cache.middleware';
import { ResponseCacheService } from './response-cache.service';

/** Cached serialised GET responses (src/common/http-cache/cacheable-routes.ts lists the routes). */
@Global()
@Module({
  providers: [ResponseCacheService, ResponseCacheMiddleware, { provide: APP_INTERCEPTOR, useClass: ResponseCacheInterceptor }],
  exports: [ResponseCacheService],
})
export class HttpCacheModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ResponseCacheMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.GET });
  }
}
