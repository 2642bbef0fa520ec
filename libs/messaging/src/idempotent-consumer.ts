import { CreateDateColumn, DataSource, Entity, EntityManager, In, PrimaryColumn } from 'typeorm';
import { inTransaction } from './in-transaction';
import { BatchHandler, DeliveredMessage, MessageHandler } from './message-bus';

/** A message a consumer has applied; its row commits together with the read-model change. */
@Entity({ name: 'processed_message' })
export class ProcessedMessage {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  consumer: string;

  @PrimaryColumn({ name: 'message_id', type: 'varchar', length: 200 })
  messageId: string;

  @CreateDateColumn({ name: 'processed_at' })
  processedAt: Date;
}

/** Applies one message to read models through the given manager (inside the transaction). */
export type Projection = (manager: EntityManager, message: DeliveredMessage) => Promise<void>;

/**
 * Applies the message unless this consumer has applied its id before, and records the id in the
 * same transaction as the change, so a redelivered message changes nothing. Resolves whether it
 * was applied. If two deliveries of one message race, the primary key fails the later commit and
 * its redelivery then finds the id recorded.
 */
export async function processOnce(
  dataSource: DataSource,
  consumer: string,
  message: DeliveredMessage,
  project: Projection,
): Promise<boolean> {
  return inTransaction(dataSource, async (manager) => {
    const key = { consumer, messageId: message.event.id };
    if (await manager.existsBy(ProcessedMessage, key)) return false;
    await project(manager, message);
    await manager.insert(ProcessedMessage, key);
    return true;
  });
}

/** A bus handler that applies each message once per consumer name. */
export function idempotentHandler(
  dataSource: DataSource,
  consumer: string,
  project: Projection,
): MessageHandler {
  return async (message) => {
    await processOnce(dataSource, consumer, message, project);
  };
}

/**
 * Applies the messages this consumer has not applied before (a batch may repeat one), and
 * records their ids, all in one transaction: one commit for the whole batch.
 */
export function idempotentBatchHandler(
  dataSource: DataSource,
  consumer: string,
  project: Projection,
): BatchHandler {
  return (messages) =>
    inTransaction(dataSource, async (manager) => {
      const ids = [...new Set(messages.map((m) => m.event.id))];
      const seen = await manager.findBy(ProcessedMessage, { consumer, messageId: In(ids) });
      const applied = new Set(seen.map((row) => row.messageId));
      const fresh: string[] = [];
      for (const message of messages) {
        if (applied.has(message.event.id)) continue;
        await project(manager, message);
        applied.add(message.event.id);
        fresh.push(message.event.id);
      }
      if (fresh.length > 0) {
        await manager.insert(
          ProcessedMessage,
          fresh.map((messageId) => ({ consumer, messageId })),
        );
      }
    });
}
