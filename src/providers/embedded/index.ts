export * from './clocks';
export * from './replay-market-data.provider';
export * from './synthetic-market-data.provider';
export * from './synthetic-options.provider';
export { standardExpirations, strikeStep } from './expirations';
