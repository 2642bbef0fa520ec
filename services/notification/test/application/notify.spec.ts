import { RecordDeliveryReceipt } from '../../src/application/receipts/record-delivery-receipt';
import { DEFAULT_RETRY_POLICY } from '../../src/domain/message/retry-policy';
import { OutboxSmsSender } from '../../src/infrastructure/channels/outbox-senders';
import { ChannelSender } from '../../src/application/ports';
import { MORNING, approved, claimFacts, context, notificationHarness } from './notification-harness';

describe('Notifying on integration events', () => {
  it('tells the customer of an approval by SMS in zh-CN, and puts the notice in the inbox', async () => {
    const h = notificationHarness();
    const [messageId] = await h.notify.execute(approved(), context);
    expect(await h.typesOf(messageId)).toEqual([
      'MessageRequested',
      'MessageRendered',
      'SendAttempted',
      'MessageSent',
    ]);
    expect(h.filesIn('sms')).toEqual([`${messageId}.json`]);
    const sms = JSON.parse(h.fileText('sms', `${messageId}.json`));
    expect(sms).toMatchObject({ to: '*******0000', templateId: 'claim-approved' });
    expect(sms.text).toContain('¥1,234.56');
    const [entry] = await h.inbox.list('cust-42');
    expect(entry).toMatchObject({ messageId, subject: '理赔决定通知书：同意赔付（CLM-2026-000123）' });
    expect(entry.text).toContain('我司于2026年11月23日决定');
  });

  it('sends nothing twice when the event is delivered again', async () => {
    const h = notificationHarness();
    const first = await h.notify.execute(approved(), context);
    h.clock.advance({ minutes: 5 });
    const second = await h.notify.execute(approved(), context);
    expect(second).toEqual(first);
    expect(h.filesIn('sms')).toHaveLength(1);
    expect((await h.typesOf(first[0])).filter((t) => t === 'SendAttempted')).toHaveLength(1);
  });

  it('after a crash between the send and its record, resends with the same key and the channel keeps one', async () => {
    const keys: string[] = [];
    const h = notificationHarness({
      sms: (outbox) => {
        const sms = new OutboxSmsSender(outbox);
        return { channel: 'sms', send: (m) => (keys.push(m.idempotencyKey), sms.send(m)) };
      },
    });
    // The process dies after the SMS went out, before MessageSent is stored.
    const append = h.store.append.bind(h.store);
    let crashed = false;
    jest.spyOn(h.store, 'append').mockImplementation((stream, events, expected) => {
      if (!crashed && events.some((e) => e.type === 'MessageSent')) {
        crashed = true;
        return Promise.reject(new Error('kill -9'));
      }
      return append(stream, events, expected);
    });
    await expect(h.notify.execute(approved(), context)).rejects.toThrow('kill -9');
    const messageId = h.filesIn('sms')[0].replace('.json', '');
    expect(await h.typesOf(messageId)).toEqual(['MessageRequested', 'MessageRendered', 'SendAttempted']);
    // The redelivered event (or the sweep) moves it on: the same key again, one SMS in the outbox.
    await h.notify.execute(approved(), context);
    expect(keys).toEqual([`${messageId}:sms:1`, `${messageId}:sms:1`]);
    expect(h.filesIn('sms')).toEqual([`${messageId}.json`]);
    expect(await h.typesOf(messageId)).toEqual([
      'MessageRequested',
      'MessageRendered',
      'SendAttempted',
      'MessageSent',
    ]);
  });

  it('records a forgotten customer as suppressed, sends nothing, and does not fail', async () => {
    const h = notificationHarness();
    h.contacts.set('cust-42', 'forgotten');
    const [messageId] = await h.notify.execute(approved(), context);
    expect(await h.typesOf(messageId)).toEqual(['MessageRequested', 'MessageSuppressed']);
    expect(h.filesIn('sms')).toEqual([]);
    expect(await h.inbox.list('cust-42')).toEqual([]);
    await expect(h.notify.execute(approved(), context)).resolves.toEqual([messageId]);
  });

  it('holds a non-urgent SMS at night until 08:00, then sends it', async () => {
    const h = notificationHarness({ now: '2026-11-23T15:30:00Z' });
    const [messageId] = await h.notify.execute(approved(), context);
    expect(await h.typesOf(messageId)).toEqual(['MessageRequested', 'MessageDeferred']);
    expect(h.filesIn('sms')).toEqual([]);
    h.clock.set('2026-11-24T00:00:00Z');
    expect((await h.dispatcher.deliver(messageId, context)).status).toBe('sent');
    expect(h.filesIn('sms')).toHaveLength(1);
  });

  it('falls back to email when the SMS gateway refuses the number for good', async () => {
    const refusing: ChannelSender = {
      channel: 'sms',
      send: async () => ({ ok: false, reason: 'isv.MOBILE_NUMBER_ILLEGAL', permanent: true }),
    };
    const h = notificationHarness({ sms: () => refusing });
    const [messageId] = await h.notify.execute(approved(), context);
    expect(await h.typesOf(messageId)).toEqual([
      'MessageRequested',
      'MessageRendered',
      'SendAttempted',
      'DeliveryFailed',
      'FellBackToChannel',
      'MessageRendered',
      'SendAttempted',
      'MessageSent',
    ]);
    const [eml] = h.filesIn('email');
    const mail = h.fileText('email', eml);
    expect(mail).toContain('To: w***@example.com');
    expect(mail).toContain('核定赔付金额为¥1,234.56');
  });

  it('retries a passing SMS failure with backoff, when it falls due', async () => {
    let failures = 1;
    const flaky: ChannelSender = {
      channel: 'sms',
      send: async (m) =>
        failures-- > 0
          ? { ok: false, reason: 'gateway 503', permanent: false }
          : { ok: true, providerMessageId: `biz-${m.idempotencyKey}` },
    };
    const h = notificationHarness({ sms: () => flaky });
    const [messageId] = await h.notify.execute(approved(), context);
    expect((await h.messages.read(messageId)).state.status).toBe('retry-scheduled');
    h.clock.advance({ seconds: 59 });
    expect((await h.dispatcher.deliver(messageId, context)).status).toBe('retry-scheduled');
    h.clock.advance({ seconds: 1 });
    const sent = await h.dispatcher.deliver(messageId, context);
    expect(sent).toMatchObject({ status: 'sent', attempt: 2, providerMessageId: `biz-${messageId}:sms:2` });
  });

  it('a customer who asked for a phone call gets a call task; staff record the outcomes', async () => {
    const h = notificationHarness();
    h.cases.set(claimFacts.id, { ...claimFacts, preferredChannel: 'call-task' });
    const [messageId] = await h.notify.execute(approved(), context);
    const [task] = await h.callTasks.open();
    expect(task).toMatchObject({ messageId, caseNumber: 'CLM-2026-000123', attempt: 1 });
    expect(task.script).toContain('¥1,234.56');
    await h.callOutcome.execute(task.taskId, { outcome: 'not-reached' }, context);
    expect(await h.callTasks.open()).toEqual([]);
    h.clock.advance({ minutes: 1 });
    await h.dispatcher.deliver(messageId, context);
    const [second] = await h.callTasks.open();
    expect(second).toMatchObject({ messageId, attempt: 2 });
    const delivered = await h.callOutcome.execute(second.taskId, { outcome: 'reached' }, context);
    expect(delivered.status).toBe('delivered');
  });

  it('warns the handler and the manager by email when a time limit is breached', async () => {
    const h = notificationHarness({ now: '2026-11-23T15:30:00Z' });
    const ids = await h.notify.execute(
      {
        id: 'evt-breach-1',
        source: 'claims-review',
        type: 'TimeLimitExceeded',
        data: {
          claimId: claimFacts.id,
          step: 'decision',
          dueAt: '2026-11-23T09:00:00Z',
          detectedAt: MORNING,
        },
      },
      context,
    );
    expect(ids).toHaveLength(2);
    const mails = h.filesIn('email').map((f) => h.fileText('email', f));
    expect(mails.map((m) => /^To: (.*)$/m.exec(m)?.[1]).sort()).toEqual([
      'h***@insurer.example',
      'm***@insurer.example',
    ]);
    expect(mails[0]).toContain('CLM-2026-000123 的处理时限（decision）已于2026年11月23日 17:00届满');
    expect(await h.inbox.list('handler-motor-1')).toEqual([]);
    const listed = await h.index.forCase('claim', claimFacts.id);
    expect(listed.map((m) => [m.recipientRole, m.templateId, m.status, m.channel])).toEqual([
      ['handler', 'time-limit-breached', 'sent', 'email'],
      ['manager', 'time-limit-breached', 'sent', 'email'],
    ]);
  });
});

describe('The sweep', () => {
  it('moves on what fell due: quiet hours over, a retry, a send cut short', async () => {
    const h = notificationHarness({ now: '2026-11-23T15:30:00Z' });
    const [messageId] = await h.notify.execute(approved(), context);
    expect(await h.dispatcher.deliverDue(context)).toBe(0);
    h.clock.set('2026-11-24T00:00:00Z');
    expect(await h.dispatcher.deliverDue(context)).toBe(1);
    expect((await h.messages.read(messageId)).state.status).toBe('sent');
    expect(await h.pending.due(h.clock.now(), 10)).toEqual([]);
  });
});

describe('Provider delivery receipts', () => {
  it('records a delivery once, and ignores a receipt for another attempt', async () => {
    const h = notificationHarness();
    const [messageId] = await h.notify.execute(approved(), context);
    const receipts = new RecordDeliveryReceipt(h.messages, DEFAULT_RETRY_POLICY, h.clock, h.dispatcher);
    const key = `${messageId}:sms:1`;
    expect(
      await receipts.execute(
        { idempotencyKey: `${messageId}:sms:9`, providerMessageId: 'x', delivered: true },
        context,
      ),
    ).toBeNull();
    const delivered = await receipts.execute(
      { idempotencyKey: key, providerMessageId: 'biz-1', delivered: true },
      context,
    );
    expect(delivered?.status).toBe('delivered');
    await receipts.execute({ idempotencyKey: key, providerMessageId: 'biz-1', delivered: true }, context);
    expect((await h.typesOf(messageId)).filter((t) => t === 'MessageDelivered')).toHaveLength(1);
  });

  it('a failed delivery is retried like any failure', async () => {
    const h = notificationHarness();
    const [messageId] = await h.notify.execute(approved(), context);
    const receipts = new RecordDeliveryReceipt(h.messages, DEFAULT_RETRY_POLICY, h.clock, h.dispatcher);
    const after = await receipts.execute(
      {
        idempotencyKey: `${messageId}:sms:1`,
        providerMessageId: 'biz-1',
        delivered: false,
        reason: 'UNDELIV',
      },
      context,
    );
    expect(after).toMatchObject({ status: 'retry-scheduled', attempt: 1 });
  });
});
