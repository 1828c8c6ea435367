import { Module } from '@nestjs/common';
import { MarketDataService } from '../../providers/chain/market-data.service';
import { OptionsDataService } from '../../providers/chain/options-data.service';
import { MARKET_DATA_PORT, OPTIONS_DATA_PORT } from './data-ports';

/**
 * Binds the data ports of the context and contracts features to the provider chain services.
 * Expects the provider layer's module (MarketDataService, OptionsDataService, CLOCK) to be global;
 * if it is not, import it here.
 */
@Module({
  providers: [
    { provide: MARKET_DATA_PORT, useExisting: MarketDataService },
    { provide: OPTIONS_DATA_PORT, useExisting: OptionsDataService },
  ],
  exports: [MARKET_DATA_PORT, OPTIONS_DATA_PORT],
})
export class DataPortsModule {}
