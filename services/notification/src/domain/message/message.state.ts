import { Channel } from '../channels';
import { MessageEvents, SuppressionReason } from './message.events';

export type MessageStatus =
  | 'none'
  /** Requested (or fallen back): to be rendered for the current channel. */
  | 'pending'
  | 'deferred'
  | 'rendered'
  /** A send was attempted and its outcome is not recorded yet (also: a crash mid-send). */
  | 'sending'
  | 'sent'
  | 'retry-scheduled'
  | 'delivered'
  | 'suppressed'
  | 'abandoned';

export const FINAL_STATUSES: readonly MessageStatus[] = ['delivered', 'suppressed', 'abandoned'];

export interface Message {
  readonly status: MessageStatus;
  readonly request: MessageEvents['MessageRequested'] | null;
  /** The channel being tried, and the ones left after it. */
  readonly channel: Channel | null;
  readonly nextChannels: readonly Channel[];
  /** Attempts made on the current channel. */
  readonly attempt: number;
  readonly idempotencyKey: string | null;
  readonly providerMessageId: string | null;
  /** Not to be sent before this instant (quiet hours, backoff, call back at). */
  readonly notBefore: string | null;
  readonly rendered: { readonly templateVersion: number; readonly contentHash: string } | null;
  readonly suppressedFor: SuppressionReason | null;
}

export const NO_MESSAGE: Message = {
  status: 'none',
  request: null,
  channel: null,
  nextChannels: [],
  attempt: 0,
  idempotencyKey: null,
  providerMessageId: null,
  notBefore: null,
  rendered: null,
  suppressedFor: null,
};
