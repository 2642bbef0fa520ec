export * from './claims-review.module';
