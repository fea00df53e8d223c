export * from './roots';
export * from './origins';
export * from './schema';
export * from './control';
export * from './timer';
export * from './agenda';
export * from './notes';
export * from './snapshot';
