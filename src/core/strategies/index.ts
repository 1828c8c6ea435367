export * from './strategy.types';
export * from './frame';
export * from './as-of-context';
export * from './engine';
export * from './playbooks';
