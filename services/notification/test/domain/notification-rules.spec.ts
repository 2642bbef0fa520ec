import { channelForFeedback, plannedMessages } from '../../src/domain/notification-rules';
import { DEFAULT_NOTIFICATION_RULES } from '../../src/infrastructure/default-notification-rules';

const rules = DEFAULT_NOTIFICATION_RULES;

describe('Notification rules', () => {
  it('a claim decision tells the customer on their channel, as a mandatory notice', () => {
    const planned = plannedMessages(rules, {
      id: 'evt-1',
      source: 'claims-review',
      type: 'ClaimApproved',
      data: {
        claimId: 'claim-1',
        claimNumber: 'CLM-2026-000123',
        payout: { amountMinor: 123456, currency: 'CNY' },
        explanation: '属于保险责任',
        policyBasis: '条款第三条',
        decidedAt: '2026-11-23T02:00:00Z',
      },
    });
    expect(planned).toEqual([
      expect.objectContaining({
        to: 'customer',
        channel: 'preferred',
        template: 'claim-approved',
        mandatory: true,
        sourceEventId: 'evt-1',
        case: { kind: 'claim', id: 'claim-1' },
        parameters: expect.objectContaining({ payout: { amountMinor: 123456, currency: 'CNY' } }),
      }),
    ]);
  });

  it('a breached time limit warns the handler and the manager by email, urgently', () => {
    const planned = plannedMessages(rules, {
      id: 'evt-2',
      source: 'complaint',
      type: 'ClockBreached',
      data: { complaintId: 'cmp-1', clock: 'regulatory', dueAt: '2026-11-23T09:00:00Z' },
    });
    expect(planned.map((m) => [m.to, m.channel, m.template, m.urgent])).toEqual([
      ['handler', 'email', 'time-limit-breached', true],
      ['manager', 'email', 'time-limit-breached', true],
    ]);
  });

  it('an event no rule names asks for nothing, nor does one from another context', () => {
    expect(
      plannedMessages(rules, { id: 'e', source: 'claims-review', type: 'InvestigationOpened', data: {} }),
    ).toEqual([]);
    expect(
      plannedMessages(rules, { id: 'e', source: 'intake', type: 'ClaimApproved', data: { claimId: 'c' } }),
    ).toEqual([]);
  });

  it('covers every message the issue names', () => {
    const events = rules.map((r) => r.eventType);
    expect(events).toEqual(
      expect.arrayContaining([
        'ClaimSubmitted',
        'SupplementaryDocumentsRequested',
        'ClaimApproved',
        'ClaimDenied',
        'PaymentInstructed',
        'ClaimClosed',
        'ComplaintReceived',
        'ComplaintAccepted',
        'ResolutionCommunicated',
        'RegulatoryLimitExtended',
        'ComplaintClosed',
        'TimeLimitAtRisk',
        'TimeLimitExceeded',
        'ClockAtRisk',
        'ClockBreached',
      ]),
    );
  });

  it("maps intake's feedback channels to ours", () => {
    expect(['phone', 'sms', 'email', 'wechat', 'mail', null].map(channelForFeedback)).toEqual([
      'call-task',
      'sms',
      'email',
      'sms',
      'email',
      'sms',
    ]);
  });
});
