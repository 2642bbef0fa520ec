export * from './analytics.module';
export { timelineText } from './domain/timeline';
export type { TimelineEntry } from './domain/timeline';
