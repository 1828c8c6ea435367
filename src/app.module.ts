import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { loggerParams } from './bootstrap/logging';
import { AuthGuard } from './common/auth/auth.guard';
import { AllExceptionsFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { HealthModule } from './modules/health/health.module';
import { IdeasModule } from './modules/ideas/ideas.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { HttpCacheModule } from './common/http-cache/http-cache.module';
import { PersistenceModule } from './persistence/persistence.module';
import { ProvidersModule } from './providers/providers.module';
import { SessionModule } from './modules/session/session.module';
// feature modules (one import line each)
import { StreamModule } from './modules/stream/stream.module';
import { ChartsModule } from './modules/charts/charts.module';
import { ContextModule } from './modules/context/context.module';
import { ContractsModule } from './modules/contracts/contracts.module';
import { EnrichmentModule } from './modules/enrichment/enrichment.module';
import { ScanModule } from './modules/scan/scan.module';
import { CalibrationModule } from './modules/calibration/calibration.module';
import { PlaybooksModule } from './modules/playbooks/playbooks.module';
import { WatchlistsModule } from './modules/watchlists/watchlists.module';
import { McpModule } from './modules/mcp/mcp.module';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => loggerParams(c) }),
    PersistenceModule,
    ProvidersModule,
    CalibrationModule,
    MetricsModule,
    HttpCacheModule,
    RateLimitModule,
    HealthModule,
    IdeasModule,
    SessionModule,
    // feature modules
    StreamModule,
    ChartsModule,
    ContextModule,
    ContractsModule,
    EnrichmentModule,
    ScanModule,
    PlaybooksModule,
    WatchlistsModule,
    McpModule,
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
