import { Global, Module } from '@nestjs/common';
import { DatabaseService } from './database.service';
import { IdeaStore } from './idea-store.service';
import { IDEA_STORE } from './idea-store.types';

@Global()
@Module({
  providers: [DatabaseService, IdeaStore, { provide: IDEA_STORE, useExisting: IdeaStore }],
  exports: [DatabaseService, IdeaStore, IDEA_STORE],
})
export class PersistenceModule {}
