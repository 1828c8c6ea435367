import { Module } from '@nestjs/common';
import { ContextController } from './context.controller';
import { ContextService } from './context.service';
import { DataPortsModule } from '../data-ports/data-ports.module';

/** GET /gpt/context/{symbol} and POST /gpt/multi-context. ContextService is exported for other features (scan, plan). */
@Module({
  imports: [DataPortsModule],
  controllers: [ContextController],
  providers: [ContextService],
  exports: [ContextService],
})
export class ContextModule {}
