import { Decider, unknownEvent } from '@claims/event-sourcing';
import { MessageEvent } from './message.events';
import { Message, NO_MESSAGE } from './message.state';

/** What a message's history means. Pure; an event type without a case here fails `tsc`. */
export const messageDecider: Decider<Message, MessageEvent> = {
  initialState: () => NO_MESSAGE,
  evolve: (state, event) => {
    switch (event.type) {
      case 'MessageRequested': {
        const [channel = null, ...nextChannels] = event.data.channels;
        return { ...NO_MESSAGE, status: 'pending', request: event.data, channel, nextChannels };
      }
      case 'MessageSuppressed':
        return {
          ...state,
          status: 'suppressed',
          channel: null,
          nextChannels: [],
          suppressedFor: event.data.reason,
        };
      case 'MessageDeferred':
        return { ...state, status: 'deferred', notBefore: event.data.until };
      case 'MessageRendered':
        return {
          ...state,
          status: 'rendered',
          notBefore: null,
          rendered: { templateVersion: event.data.templateVersion, contentHash: event.data.contentHash },
        };
      case 'SendAttempted':
        return {
          ...state,
          status: 'sending',
          attempt: event.data.attempt,
          idempotencyKey: event.data.idempotencyKey,
          notBefore: null,
        };
      case 'MessageSent':
        return { ...state, status: 'sent', providerMessageId: event.data.providerMessageId };
      case 'MessageDelivered':
        return {
          ...state,
          status: 'delivered',
          providerMessageId: event.data.providerMessageId ?? state.providerMessageId,
        };
      case 'DeliveryFailed':
        return state; // what follows it (retry, fallback, abandonment) moves the message
      case 'RetryScheduled':
        return { ...state, status: 'retry-scheduled', notBefore: event.data.retryAt };
      case 'FellBackToChannel':
        return {
          ...state,
          status: 'pending',
          channel: event.data.to,
          nextChannels: state.nextChannels.slice(state.nextChannels.indexOf(event.data.to) + 1),
          attempt: 0,
          idempotencyKey: null,
          providerMessageId: null,
          rendered: null,
          notBefore: null,
        };
      case 'MessageAbandoned':
        return { ...state, status: 'abandoned' };
      default:
        return unknownEvent(event);
    }
  },
};
