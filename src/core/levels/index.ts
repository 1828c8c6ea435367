export * from './session-levels';
export * from './structure';
export * from './key-levels';
export * from './session-window';
