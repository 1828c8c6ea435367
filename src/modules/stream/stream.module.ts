import { Module } from '@nestjs/common';
import { PlanFollowerService } from './plan-follower.service';
import { PlanStreamGateway } from './plan-stream.gateway';
import { StreamBus } from './stream-bus';
import { StreamController } from './stream.controller';
import { SymbolPollerService } from './symbol-poller.service';

@Module({
  controllers: [StreamController],
  providers: [StreamBus, SymbolPollerService, PlanFollowerService, PlanStreamGateway],
  exports: [StreamBus, PlanFollowerService],
})
export class StreamModule {}
