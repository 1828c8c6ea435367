export * from './follower.types';
export * from './plan-follower';
