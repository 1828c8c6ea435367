import { Module } from '@nestjs/common';
import { DataPortsModule } from '../data-ports/data-ports.module';
import { IndexModeModule } from '../index-mode/index-mode.module';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';

/** POST /gpt/contracts; exports ContractsService (suggestForPlan) for the plan feature. */
@Module({
  imports: [DataPortsModule, IndexModeModule],
  controllers: [ContractsController],
  providers: [ContractsService],
  exports: [ContractsService],
})
export class ContractsModule {}
