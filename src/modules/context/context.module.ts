import { Module } from '@nestjs/common';
import { ContextController } from './context.controller';
import { ContextService } from './context.service';
import { DataPortsModule } from '../data-ports/data-ports.module';
import { IvHistoryController } from './iv-history.controller';
import { IvRecorderService } from './iv-recorder.service';

/** GET /gpt/context/{symbol}, POST /gpt/multi-context and the recorded ATM-IV series (/api/v1/iv-history). ContextService is exported for other features (scan, plan). */
@Module({
  imports: [DataPortsModule],
  controllers: [ContextController, IvHistoryController],
  providers: [ContextService, IvRecorderService],
  exports: [ContextService, IvRecorderService],
})
export class ContextModule {}
