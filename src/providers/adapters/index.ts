import { FinnhubAdapter } from './finnhub/finnhub.adapter';
import { PolygonAdapter } from './polygon/polygon.adapter';
import { TradierAdapter } from './tradier/tradier.adapter';
import { TradingEconomicsAdapter } from './tradingeconomics/trading-economics.adapter';
import { YahooAdapter } from './yahoo/yahoo.adapter';

export * from './http-json';
export * from './yahoo/yahoo.adapter';
export * from './tradier/tradier.adapter';
export * from './polygon/polygon.adapter';
export * from './finnhub/finnhub.adapter';
export * from './tradingeconomics/trading-economics.adapter';

/**
 * One class per vendor serves every capability it has (market data and options share auth, base URL
 * and error mapping); the capability names below are the same classes, for readers of the issue.
 */
export { PolygonAdapter as PolygonMarketDataAdapter, PolygonAdapter as PolygonOptionsAdapter };
export { YahooAdapter as YahooMarketDataAdapter, YahooAdapter as YahooOptionsAdapter };
export { TradierAdapter as TradierMarketDataAdapter, TradierAdapter as TradierOptionsAdapter };
export { FinnhubAdapter as FinnhubEnrichmentAdapter };
export { TradingEconomicsAdapter as TradingEconomicsEnrichmentAdapter };

/** Every vendor adapter class with its id and capabilities, for the chain's registration. */
export const VENDOR_ADAPTERS = [
  { id: 'polygon', cls: PolygonAdapter, marketData: true, options: true, enrichment: false },
  { id: 'yahoo', cls: YahooAdapter, marketData: true, options: true, enrichment: false },
  { id: 'tradier', cls: TradierAdapter, marketData: true, options: true, enrichment: false },
  { id: 'finnhub', cls: FinnhubAdapter, marketData: false, options: false, enrichment: true },
  { id: 'tradingeconomics', cls: TradingEconomicsAdapter, marketData: false, options: false, enrichment: true },
] as const;
