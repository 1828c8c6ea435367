import { Module } from '@nestjs/common';
import { WatchlistsController } from './watchlists.controller';

/** GET/PUT/DELETE /api/v1/watchlists/{name} (the store is global: PersistenceModule). */
@Module({ controllers: [WatchlistsController] })
export class WatchlistsModule {}
