import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { ScanController } from './scan.controller';
import { ScanService } from './scan.service';

/** POST /gpt/scan. Uses PlanModule's analyzer and persistence; same provider needs as PlanModule. */
@Module({
  imports: [PlanModule],
  controllers: [ScanController],
  providers: [ScanService],
})
export class ScanModule {}
