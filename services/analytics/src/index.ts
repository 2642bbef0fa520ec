export * from './analytics.module';
