export * from './et-time';
export * from './nyse-calendar';
export * from './session';
