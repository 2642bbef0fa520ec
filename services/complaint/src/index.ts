export * from './complaint.module';
