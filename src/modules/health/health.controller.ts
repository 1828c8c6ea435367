import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../../common/auth/public.decorator';
import { AppError } from '../../common/errors';
import { DatabaseHealthIndicator } from './database.health';
import { ProvidersHealthIndicator } from './providers.health';

class NotReadyError extends AppError {
  readonly status = 503;
  readonly code = 'not_ready';
}

/** Ops probes: liveness never touches dependencies; readiness checks the database and provider circuits. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly providers: ProvidersHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'healthLive', summary: 'Liveness: the process is up.' })
  live() {
    return { status: 'ok', uptime_s: Math.round(process.uptime()) };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ operationId: 'healthReady', summary: 'Readiness: database reachable and provider circuits; 503 when not ready.' })
  async ready() {
    try {
      return await this.health.check([() => this.database.check(), () => this.providers.check()]);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      const result = err.getResponse() as { error?: Record<string, { message?: string }>; details?: unknown };
      const down = Object.entries(result.error ?? {}).map(([k, v]) => `${k}: ${v.message ?? 'down'}`);
      const e = new NotReadyError(`not ready — ${down.join('; ')}`);
      e.details = result.details;
      throw e;
    }
  }
}
