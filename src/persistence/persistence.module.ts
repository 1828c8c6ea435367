import { Global, Module } from '@nestjs/common';
import { CalibrationStore } from './calibration-store.service';
import { CALIBRATION_STORE } from './calibration-store.types';
import { DatabaseService } from './database.service';
import { FollowLeaseStore } from './follow-lease.service';
import { FOLLOW_LEASES } from './follow-lease.types';
import { IdeaStore } from './idea-store.service';
import { IDEA_STORE } from './idea-store.types';
import { IvHistoryStore } from './iv-history-store.service';
import { IV_HISTORY } from './iv-history.types';
import { WatchlistStore } from './watchlist-store.service';
import { WATCHLISTS } from './watchlist.types';

@Global()
@Module({
  providers: [
    DatabaseService,
    IdeaStore,
    { provide: IDEA_STORE, useExisting: IdeaStore },
    FollowLeaseStore,
    { provide: FOLLOW_LEASES, useExisting: FollowLeaseStore },
    CalibrationStore,
    { provide: CALIBRATION_STORE, useExisting: CalibrationStore },
    IvHistoryStore,
    { provide: IV_HISTORY, useExisting: IvHistoryStore },
    WatchlistStore,
    { provide: WATCHLISTS, useExisting: WatchlistStore },
  ],
  exports: [DatabaseService, IdeaStore, IDEA_STORE, FollowLeaseStore, FOLLOW_LEASES, CalibrationStore, CALIBRATION_STORE, IvHistoryStore, IV_HISTORY, WatchlistStore, WATCHLISTS],
})
export class PersistenceModule {}
