export * from './documents';
export * from './records';
export * from './yjs';
export * from './auth';
export * from './audit';
export * from './versions';
export * from './comments';
export * from './public';
