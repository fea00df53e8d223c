export * from './roots';
export * from './origins';
export * from './schema';
export * from './control';
export * from './notes';
export * from './snapshot';
