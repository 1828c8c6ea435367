export * from './contract-filters';
export * from './contract-row';
export * from './contract-gates';
export * from './relaxation';
export * from './contract-score';
export * from './contract-scenario';
export * from './contract-sizing';
export * from './rank-contracts';
