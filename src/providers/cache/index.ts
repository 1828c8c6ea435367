export * from './cache-keys';
export * from './last-good.store';
export * from './cache-store.factory';
export * from './approx-bytes';
export * from './packed-value';
