export * from './platform-config';
export * from './json-logger';
export * from './problem-details';
export * from './service-health';
export * from './platform-host.module';
export * from './infrastructure';
export * from './host';
