export * from './reading';
export * from './rejected-input';
export * from './hazard';
export * from './assessment';
export * from './alert-event';
export * from './alert';
export * from './officer-command';
export * from './delivery';
