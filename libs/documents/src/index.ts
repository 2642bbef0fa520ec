export * from './accepted-files';
export * from './blob-store';
export * from './filesystem-blob-store';
export * from './postgres-blob-store';
