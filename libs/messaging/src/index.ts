import { RelayCheckpoint } from './event-relay';
import { ProcessedMessage } from './idempotent-consumer';

export * from './integration-event';
export * from './message-bus';
export * from './adapters/kafka-message-bus';
export * from './adapters/in-process-message-bus';
export * from './retrying-handler';
export * from './dead-letters';
export * from './event-relay';
export * from './relay-leadership';
export * from './idempotent-consumer';
export * from './in-transaction';

/** Tables the messaging lib needs in a service's read-model database. */
export const messagingEntities = [RelayCheckpoint, ProcessedMessage];
