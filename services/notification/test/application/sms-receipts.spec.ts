import { NotFoundRefusal } from '@claims/event-sourcing';
import { RecordDeliveryReceipt } from '../../src/application/receipts/record-delivery-receipt';
import { DEFAULT_RETRY_POLICY } from '../../src/domain/message/retry-policy';
import { SmsReceiptsController } from '../../src/http/sms-receipts.controller';
import { smsReceiptSignature } from '../../src/infrastructure/channels/http-sms-gateway';
import { approved, context, notificationHarness } from './notification-harness';

describe('SMS delivery receipts over HTTP', () => {
  const setup = async (secret: string | null) => {
    const h = notificationHarness();
    const [messageId] = await h.notify.execute(approved(), context);
    const receipts = new RecordDeliveryReceipt(h.messages, DEFAULT_RETRY_POLICY, h.clock, h.dispatcher);
    return { h, messageId, controller: new SmsReceiptsController(secret, receipts) };
  };
  const body = (outId: string) => ({
    outId,
    bizId: 'biz-1',
    status: 'DELIVERED' as const,
    timestamp: '2026-11-23T02:00:05Z',
  });

  it('records a receipt signed with the gateway secret', async () => {
    const { h, messageId, controller } = await setup('s3cret');
    const receipt = body(`${messageId}:sms:1`);
    const signature = smsReceiptSignature(
      's3cret',
      receipt.outId,
      receipt.bizId,
      receipt.status,
      receipt.timestamp,
    );
    await controller.receive(receipt, signature);
    expect((await h.messages.read(messageId)).state.status).toBe('delivered');
  });

  it('refuses a forged or unsigned receipt, and any receipt without a configured gateway', async () => {
    const { h, messageId, controller } = await setup('s3cret');
    const receipt = body(`${messageId}:sms:1`);
    const forged = smsReceiptSignature(
      'guess',
      receipt.outId,
      receipt.bizId,
      receipt.status,
      receipt.timestamp,
    );
    await expect(controller.receive(receipt, forged)).rejects.toBeInstanceOf(NotFoundRefusal);
    await expect(controller.receive(receipt, undefined)).rejects.toBeInstanceOf(NotFoundRefusal);
    expect((await h.messages.read(messageId)).state.status).toBe('sent');
    const none = await setup(null);
    await expect(none.controller.receive(receipt, forged)).rejects.toBeInstanceOf(NotFoundRefusal);
  });
});
