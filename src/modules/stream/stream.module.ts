import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { PlanFollowerService } from './plan-follower.service';
import { PlanStreamGateway } from './plan-stream.gateway';
import { StreamBus } from './stream-bus';
import { StreamController } from './stream.controller';
import { SymbolPollerService } from './symbol-poller.service';

/** SSE prices and plan tracking; auto-replan through PlanModule's REPLANNER. */
@Module({
  imports: [PlanModule],
  controllers: [StreamController],
  providers: [StreamBus, SymbolPollerService, PlanFollowerService, PlanStreamGateway],
  exports: [StreamBus, PlanFollowerService],
})
export class StreamModule {}
