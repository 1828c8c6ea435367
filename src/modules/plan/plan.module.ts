import { Module } from '@nestjs/common';
import { DataPortsModule } from '../data-ports/data-ports.module';
import { ContractsModule } from '../contracts/contracts.module';
import { IndexModeModule } from '../index-mode/index-mode.module';
import { EnrichmentModule } from '../enrichment/enrichment.module';
import { PlanController } from './plan.controller';
import { PlanService } from './plan.service';
import { REPLANNER } from './replanner';
import { SymbolAnalyzer } from './symbol-analyzer.service';

/**
 * POST /gpt/plan, scenarios and adopt. Bars through DataPortsModule (MARKET_DATA_PORT → the provider
 * chain), options through ContractsModule; CLOCK, IDEA_STORE and APP_CONFIG are global.
 */
@Module({
  imports: [DataPortsModule, ContractsModule, IndexModeModule, EnrichmentModule],
  controllers: [PlanController],
  providers: [SymbolAnalyzer, PlanService, { provide: REPLANNER, useExisting: PlanService }],
  exports: [SymbolAnalyzer, PlanService, REPLANNER],
})
export class PlanModule {}
