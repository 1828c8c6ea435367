import { Module } from '@nestjs/common';
import { DataPortsModule } from '../data-ports/data-ports.module';
import { IndexProxyService } from './index-proxy.service';

/** Index mode (SPX/NDX with SPY/QQQ execution): the live ratio service shared by plans and contracts. */
@Module({
  imports: [DataPortsModule],
  providers: [IndexProxyService],
  exports: [IndexProxyService],
})
export class IndexModeModule {}
