import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { marketStatus } from '../../core/session';
import { CLOCK, Clock } from '../../providers/provider.types';

export class SessionResponseDto {
  @ApiProperty({ enum: ['pre', 'open', 'post', 'closed'], description: 'US equity session at as_of (ET, NYSE calendar).' }) status!: string;
  @ApiProperty({ description: 'The service clock (replay time in replay mode), ISO-8601 UTC.' }) as_of!: string;
  @ApiProperty({ description: 'Next regular-session open, ISO-8601 UTC.' }) next_open!: string;
  @ApiProperty({ type: String, description: 'Close of the current regular session when open (null when closed), ISO-8601 UTC.', nullable: true }) next_close!: string | null;
  @ApiProperty({ example: 'America/New_York' }) tz!: string;
  @ApiProperty({ description: 'One line for the UI, e.g. "Market closed — opens Mon 09:30 ET".' }) banner!: string;
}

const ET = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false });

/** The session single source of truth for the coach UI and the GPT: open/closed now and what comes next. */
@ApiTags('session')
@ApiBearerAuth()
@Controller('api/v1/session')
export class SessionController {
  constructor(@Optional() @Inject(CLOCK) private readonly clock?: Clock) {}

  @Get()
  @ApiOperation({ operationId: 'getSession', summary: 'Market session now (pre/open/post/closed), next open and close, on the service clock.' })
  @ApiOkResponse({ type: SessionResponseDto })
  get(): SessionResponseDto {
    const now = this.clock?.now() ?? Date.now();
    const s = marketStatus(now);
    const banner =
      s.status === 'open'
        ? `Market open — closes ${ET.format(s.next_close!)} ET`
        : `Market ${s.status === 'pre' ? 'in pre-market' : s.status === 'post' ? 'in after-hours' : 'closed'} — opens ${ET.format(s.next_open)} ET`;
    return {
      status: s.status,
      as_of: new Date(now).toISOString(),
      next_open: new Date(s.next_open).toISOString(),
      next_close: s.next_close === null ? null : new Date(s.next_close).toISOString(),
      tz: 'America/New_York',
      banner,
    };
  }
}
