export * from './chain-runner';
export * from './chain-tokens';
export * from './circuit-breaker';
export * from './error-policy';
export * from './market-data.service';
export * from './options-data.service';
export * from './enrichment.service';
export * from './provider-health.service';
