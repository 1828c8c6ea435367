export * from './atm-iv';
export * from './expected-move';
export * from './historical-vol';
export * from './iv-rank';
export * from './skew-term';
export * from './iv-session-day';
