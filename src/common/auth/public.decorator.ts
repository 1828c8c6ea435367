import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tc:isPublic';
/** Marks a route as reachable without a Bearer key (health, /tv page, /tv-api bars). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
