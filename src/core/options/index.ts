export * from './bsm';
export * from './implied-vol';
export * from './normal';
export * from './occ';
export * from './scenario';
export * from './time';
