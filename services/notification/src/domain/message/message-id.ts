import { createHash } from 'node:crypto';
import { Recipient } from '../channels';

/**
 * The one message for (source event, recipient, template): a name-based id (UUID v8 layout over
 * SHA-256), so a redelivered or replayed source event always names the same stream.
 */
export function messageIdFor(sourceEventId: string, recipient: Recipient, templateId: string): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([sourceEventId, recipient.role, recipient.id, templateId]))
    .digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Streams are `notification-message-<messageId>`. */
export const MESSAGE_STREAM_PREFIX = 'notification-message';
export const messageStreamId = (messageId: string) => `${MESSAGE_STREAM_PREFIX}-${messageId}`;
