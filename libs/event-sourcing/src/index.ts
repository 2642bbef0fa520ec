export * from './envelope';
export * from './event-store';
export * from './upcasters';
export * from './catch-up-subscription';
export * from './aggregate/event-sourced-aggregate';
export * from './aggregate/aggregate-repository';
export * from './adapters/embedded-event-store';
