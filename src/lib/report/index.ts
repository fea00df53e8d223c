export * from './model';
export * from './build';
export * from './markdown';
export * from './html';
export * from './csv';
export * from './docx';
export * from './export';
