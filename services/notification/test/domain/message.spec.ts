import { quietHoursEnd, DEFAULT_PREFERENCES } from '../../src/domain/preferences';
import {
  attemptSend,
  dueNow,
  recordCallOutcome,
  recordDelivered,
  recordFailure,
  recordRendered,
  recordSent,
  requestMessage,
} from '../../src/domain/message/delivery';
import { MessageEvent } from '../../src/domain/message/message.events';
import { messageIdFor } from '../../src/domain/message/message-id';
import { backoffMs } from '../../src/domain/message/retry-policy';
import {
  at,
  customer,
  later,
  messageId,
  morning,
  night,
  policy,
  reachableBy,
  request,
  requested,
  sourceEventId,
  spec,
  then,
} from './message-histories';

const types = (events: readonly MessageEvent[]) => events.map((e) => e.type);
const rendered = (history: MessageEvent[], now = morning) =>
  then(history, (s) => recordRendered(s, { templateVersion: 1, contentHash: 'sha256:abc', now }));
const sending = (history: MessageEvent[], now = morning) => then(history, (s) => attemptSend(s, now));
const sent = (history: MessageEvent[], now = morning) => then(history, (s) => recordSent(s, 'prov-1', now));
const failed = (history: MessageEvent[], now = morning, permanent = false) =>
  then(history, (s) => recordFailure(s, { reason: 'gateway 503', permanent, now }, policy));

describe('Message', () => {
  describe('identity', () => {
    it('derives one message id per (source event, recipient, template)', () => {
      expect(messageIdFor(sourceEventId, customer, 'claim-approved')).toBe(messageId);
      expect(messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(messageIdFor(sourceEventId, customer, 'claim-closed')).not.toBe(messageId);
      expect(messageIdFor(sourceEventId, { role: 'handler', id: 'cust-42' }, 'claim-approved')).not.toBe(
        messageId,
      );
      expect(messageIdFor('other-event', customer, 'claim-approved')).not.toBe(messageId);
    });
  });

  describe('request', () => {
    it('records the request with the channel plan from the first channel down the fallback order', () => {
      spec
        .given([])
        .when((s) => requestMessage(s, request()))
        .then([
          {
            type: 'MessageRequested',
            data: expect.objectContaining({
              messageId,
              sourceEventId,
              channels: ['sms', 'email', 'call-task'],
              requestedAt: morning.toISOString(),
            }),
          },
        ]);
    });

    it('sends nothing twice: a redelivered source event records nothing', () => {
      spec
        .given(requested())
        .when((s) => requestMessage(s, request({ now: later(morning, 60_000) })))
        .thenNothingHappens();
    });

    it('leaves out channels the recipient cannot be reached on', () => {
      const [event] = requested({ firstChannel: 'email', reachability: reachableBy('sms', 'email') });
      expect(event.data).toMatchObject({ channels: ['email'] });
    });

    it('records a forgotten customer as suppressed, final, with nothing to send', () => {
      spec
        .given([])
        .when((s) => requestMessage(s, request({ reachability: { forgotten: true } })))
        .thenEvents((events, after) => {
          expect(types(events)).toEqual(['MessageRequested', 'MessageSuppressed']);
          expect(events[0].data).toMatchObject({ channels: [] });
          expect(events[1].data).toMatchObject({ reason: 'recipient-forgotten' });
          expect(after.status).toBe('suppressed');
          expect(dueNow(after, later(morning, 86_400_000))).toBe(false);
        });
    });

    it('honours an opt-out of a non-mandatory message, but not of a mandatory one', () => {
      const preferences = { ...DEFAULT_PREFERENCES, optOuts: ['claim-approved'] };
      const optional = requested({ mandatory: false, preferences });
      expect(types(optional)).toEqual(['MessageRequested', 'MessageSuppressed']);
      expect(optional[1].data).toMatchObject({ reason: 'opted-out' });
      expect(types(requested({ mandatory: true, preferences }))).toEqual(['MessageRequested']);
      const all = requested({ mandatory: false, preferences: { ...DEFAULT_PREFERENCES, optOuts: ['*'] } });
      expect(all[1].data).toMatchObject({ reason: 'opted-out' });
    });

    it('suppresses a message with no reachable channel', () => {
      const events = requested({ reachability: reachableBy() });
      expect(events[1].data).toMatchObject({ reason: 'no-reachable-channel' });
    });
  });

  describe('quiet hours', () => {
    it('holds an SMS requested at night until quiet hours end (08:00 local)', () => {
      const events = requested({ now: night });
      expect(types(events)).toEqual(['MessageRequested', 'MessageDeferred']);
      expect(events[1].data).toMatchObject({ channel: 'sms', until: '2026-11-24T00:00:00.000Z' });
      const state = spec.given(events).state;
      expect(dueNow(state, at('2026-11-23T23:59:00Z'))).toBe(false);
      expect(dueNow(state, at('2026-11-24T00:00:00Z'))).toBe(true);
    });

    it('refuses to render a deferred message before quiet hours end, and renders it after', () => {
      spec
        .given(requested({ now: night }))
        .when((s) => recordRendered(s, { templateVersion: 1, contentHash: 'h', now: later(night, 60_000) }))
        .thenRefuses('message-not-due');
      spec
        .given(requested({ now: night }))
        .when((s) =>
          recordRendered(s, { templateVersion: 1, contentHash: 'h', now: at('2026-11-24T00:00:00Z') }),
        )
        .then([{ type: 'MessageRendered', data: expect.objectContaining({ channel: 'sms' }) }]);
    });

    it('sends an urgent SMS at night, and an email at night', () => {
      expect(types(requested({ now: night, urgent: true }))).toEqual(['MessageRequested']);
      expect(types(requested({ now: night, firstChannel: 'email' }))).toEqual(['MessageRequested']);
    });

    it('knows quiet hours that span midnight, on either side of it', () => {
      expect(quietHoursEnd(DEFAULT_PREFERENCES, at('2026-11-23T13:00:00Z'))?.toISOString()).toBe(
        '2026-11-24T00:00:00.000Z',
      ); // 21:00 local
      expect(quietHoursEnd(DEFAULT_PREFERENCES, at('2026-11-23T18:00:00Z'))?.toISOString()).toBe(
        '2026-11-24T00:00:00.000Z',
      ); // 02:00 local, next day
      expect(quietHoursEnd(DEFAULT_PREFERENCES, at('2026-11-23T12:59:00Z'))).toBeNull(); // 20:59
      expect(quietHoursEnd(DEFAULT_PREFERENCES, at('2026-11-24T00:00:00Z'))).toBeNull(); // 08:00
    });
  });

  describe('delivery', () => {
    it('goes requested → rendered → attempted → sent → delivered', () => {
      const history = sent(sending(rendered(requested())));
      expect(types(history)).toEqual(['MessageRequested', 'MessageRendered', 'SendAttempted', 'MessageSent']);
      expect(history[2].data).toMatchObject({ attempt: 1, idempotencyKey: `${messageId}:sms:1` });
      spec
        .given(history)
        .when((s) => recordDelivered(s, 'prov-1', later(morning, 5_000)))
        .thenEvents((events, after) => {
          expect(types(events)).toEqual(['MessageDelivered']);
          expect(after.status).toBe('delivered');
        });
    });

    it('records a repeated send record or delivery receipt once', () => {
      const history = sent(sending(rendered(requested())));
      spec
        .given(history)
        .when((s) => recordSent(s, 'prov-1', morning))
        .thenNothingHappens();
      const delivered = then(history, (s) => recordDelivered(s, 'prov-1', morning));
      spec
        .given(delivered)
        .when((s) => recordDelivered(s, 'prov-1', morning))
        .thenNothingHappens();
    });

    it('after a crash between the send and its record, attempts nothing new: the same idempotency key is resent', () => {
      const crashed = sending(rendered(requested()));
      const state = spec.given(crashed).state;
      expect(state.status).toBe('sending');
      expect(dueNow(state, morning)).toBe(true);
      expect(state.idempotencyKey).toBe(`${messageId}:sms:1`);
      spec
        .given(crashed)
        .when((s) => attemptSend(s, later(morning, 1000)))
        .thenNothingHappens();
    });

    it('refuses to send a message not rendered yet', () => {
      spec
        .given(requested())
        .when((s) => attemptSend(s, morning))
        .thenRefuses('message-in-wrong-status');
    });
  });

  describe('failures', () => {
    it('retries a passing failure with exponential backoff', () => {
      const once = failed(sending(rendered(requested())));
      expect(types(once).slice(-2)).toEqual(['DeliveryFailed', 'RetryScheduled']);
      expect(once.at(-1)?.data).toMatchObject({
        nextAttempt: 2,
        retryAt: later(morning, 60_000).toISOString(),
      });
      spec
        .given(once)
        .when((s) => attemptSend(s, later(morning, 59_000)))
        .thenRefuses('message-not-due');
      const twice = failed(sending(once, later(morning, 60_000)), later(morning, 60_000));
      expect(twice.at(-1)?.data).toMatchObject({
        nextAttempt: 3,
        retryAt: later(morning, 60_000 + 240_000).toISOString(),
      });
      expect(backoffMs(policy, 10)).toBe(policy.maxDelayMs);
    });

    it('falls back SMS → email → call task when a channel runs out of attempts, then abandons', () => {
      let history = rendered(requested());
      for (let i = 0; i < 3; i++)
        history = failed(sending(history, later(morning, i * 3_600_000)), later(morning, i * 3_600_000));
      expect(history.at(-1)).toMatchObject({ type: 'FellBackToChannel', data: { from: 'sms', to: 'email' } });
      expect(spec.given(history).state).toMatchObject({ status: 'pending', channel: 'email', attempt: 0 });
      history = failed(sending(rendered(history)), morning, true);
      expect(history.at(-1)).toMatchObject({
        type: 'FellBackToChannel',
        data: { from: 'email', to: 'call-task' },
      });
      history = rendered(history);
      history = sending(history);
      for (let i = 0; i < 3; i++) {
        history = then(history, (s) => recordCallOutcome(s, { outcome: 'not-reached' }, policy, morning));
        if (i < 2) history = sending(history, later(morning, 86_400_000));
      }
      expect(history.at(-1)).toMatchObject({ type: 'MessageAbandoned' });
      expect(spec.given(history).state.status).toBe('abandoned');
    });

    it('abandons at once when the last channel fails permanently', () => {
      const events = failed(sending(rendered(requested({ firstChannel: 'call-task' }))), morning, true);
      expect(types(events).slice(-2)).toEqual(['DeliveryFailed', 'MessageAbandoned']);
    });
  });

  describe('call tasks', () => {
    const callTask = () => sending(rendered(requested({ firstChannel: 'call-task' })));

    it('a reached customer is a delivery', () => {
      spec
        .given(callTask())
        .when((s) => recordCallOutcome(s, { outcome: 'reached' }, policy, morning))
        .then([{ type: 'MessageDelivered', data: expect.objectContaining({ channel: 'call-task' }) }]);
    });

    it('"call back at" schedules the next attempt then, whatever the attempts so far', () => {
      const callBack = later(morning, 2 * 86_400_000);
      spec
        .given(callTask())
        .when((s) => recordCallOutcome(s, { outcome: 'call-back-at', at: callBack }, policy, morning))
        .then([
          { type: 'DeliveryFailed', data: expect.objectContaining({ permanent: false }) },
          { type: 'RetryScheduled', data: expect.objectContaining({ retryAt: callBack.toISOString() }) },
        ]);
      spec
        .given(callTask())
        .when((s) => recordCallOutcome(s, { outcome: 'call-back-at', at: morning }, policy, morning))
        .thenRefuses('call-back-in-the-past');
    });

    it('refuses a call outcome for an SMS', () => {
      spec
        .given(sending(rendered(requested())))
        .when((s) => recordCallOutcome(s, { outcome: 'reached' }, policy, morning))
        .thenRefuses('not-a-call-task');
    });
  });
});
