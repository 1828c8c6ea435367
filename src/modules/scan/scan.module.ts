import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { ScanController } from './scan.controller';
import { ScanService } from './scan.service';
import { DataPortsModule } from '../data-ports/data-ports.module';
import { UniverseExpander } from './universe/universe-expander.service';

/** POST /gpt/scan. Uses PlanModule's analyzer and persistence; same provider needs as PlanModule. */
@Module({
  imports: [PlanModule, DataPortsModule],
  controllers: [ScanController],
  providers: [ScanService, UniverseExpander],
})
export class ScanModule {}
