import { Global, Module } from '@nestjs/common';
import { DatabaseService } from './database.service';
import { FollowLeaseStore } from './follow-lease.service';
import { FOLLOW_LEASES } from './follow-lease.types';
import { IdeaStore } from './idea-store.service';
import { IDEA_STORE } from './idea-store.types';

@Global()
@Module({
  providers: [
    DatabaseService,
    IdeaStore,
    { provide: IDEA_STORE, useExisting: IdeaStore },
    FollowLeaseStore,
    { provide: FOLLOW_LEASES, useExisting: FollowLeaseStore },
  ],
  exports: [DatabaseService, IdeaStore, IDEA_STORE, FollowLeaseStore, FOLLOW_LEASES],
})
export class PersistenceModule {}
