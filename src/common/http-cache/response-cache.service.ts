import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CLOCK, type Clock } from '../../providers/provider.types';
import { ResponseCache } from './response-cache';

/** The process's one response cache, on the service clock (market time) and the wall clock. */
@Injectable()
export class ResponseCacheService extends ResponseCache {
  constructor(
    @Inject(APP_CONFIG) readonly config: AppConfig,
    @Optional() @Inject(CLOCK) clock?: Clock,
  ) {
    super({ marketNow: clock ? () => clock.now() : Date.now });
  }
}
