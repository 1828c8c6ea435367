import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicWhen } from '../../common/auth/public.decorator';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint for ops. Behind the Bearer key when auth is on (a scraper sends
 * `Authorization: Bearer <key>`), unless METRICS_PUBLIC=1; without auth it is open like every route.
 */
@ApiExcludeController()
@PublicWhen((c) => c.metricsPublic)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
