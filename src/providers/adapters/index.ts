export * from './http-json';
export * from './yahoo/yahoo.adapter';
export * from './tradier/tradier.adapter';
export * from './polygon/polygon.adapter';
export * from './finnhub/finnhub.adapter';
export * from './tradingeconomics/trading-economics.adapter';
