import { Module } from '@nestjs/common';
import { PlanController } from './plan.controller';
import { PlanService } from './plan.service';
import { SymbolAnalyzer } from './symbol-analyzer.service';

/**
 * POST /gpt/plan, scenarios and adopt. Needs MARKET_DATA_PORT and CLOCK (provider layer), IDEA_STORE
 * (PersistenceModule, global) and APP_CONFIG. ContractsService is optional: import ContractsModule
 * here once it exists so plans carry options_contracts.
 */
@Module({
  controllers: [PlanController],
  providers: [SymbolAnalyzer, PlanService],
  exports: [SymbolAnalyzer, PlanService],
})
export class PlanModule {}
