import { Module } from '@nestjs/common';
import { EnrichmentController } from './enrichment.controller';
import { EnrichmentBlockService } from './enrichment-block.service';

/** GET /gpt/enrichment/{symbol} and the enrichment block + event gate of every plan (EnrichmentService is global). */
@Module({
  controllers: [EnrichmentController],
  providers: [EnrichmentBlockService],
  exports: [EnrichmentBlockService],
})
export class EnrichmentModule {}
