import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tc:isPublic';
/** Marks a route as reachable without a Bearer key (health, /tv page, /tv-api bars). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const IS_PUBLIC_WHEN = 'tc:isPublicWhen';
/** Public only when the config says so (e.g. /metrics with METRICS_PUBLIC=1); keyed otherwise. */
export const PublicWhen = (when: (config: import('../../config/app-config').AppConfig) => boolean) => SetMetadata(IS_PUBLIC_WHEN, when);
