import { Module } from '@nestjs/common';
import { ChartMarketData } from './chart-market-data';
import { ChartUrlController } from './chart-url.controller';
import { TvApiController } from './tv-api.controller';
import { TvApiService } from './tv-api.service';
import { TvPageController } from './tv-page.controller';

/** POST /gpt/chart-url, the /tv viewer and its /tv-api datafeed. */
@Module({
  controllers: [ChartUrlController, TvApiController, TvPageController],
  providers: [ChartMarketData, TvApiService],
  exports: [TvApiService],
})
export class ChartsModule {}
