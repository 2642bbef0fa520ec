import { deciderSpec } from '@claims/event-sourcing/testing';
import { consultationDecider } from '../../src/domain/consultation/consultation.decider';
import { registerConsultation } from '../../src/domain/consultation/register-consultation';
import {
  RegisterReferredConsultationCommand,
  consultationChannelOf,
  registerReferredConsultation,
} from '../../src/domain/consultation/referred-consultation';
import { now } from './fixtures';

const spec = deciderSpec(consultationDecider);
const referral = {
  complaintId: 'c0a80101-0000-4000-8000-000000000001',
  complaintNumber: 'CMP-2026-000007',
  complaintChannel: 'wechat',
  category: 'other',
  referredAt: '2026-03-10T01:00:00.000Z',
};
const referred = (
  overrides: Partial<RegisterReferredConsultationCommand> = {},
): RegisterReferredConsultationCommand => ({
  consultationId: 'q-ref',
  referral,
  customerId: 'cust-7',
  words: { name: 'Li', phone: '138', description: 'Is my wife covered?', request: 'A yes or no' },
  receivedAt: now,
  responseDueAt: new Date(now.getTime() + 2 * 3600_000),
  ...overrides,
});

describe('a complaint handed back as a consultation', () => {
  it('registers it on its channel, its category as the topic, the words and contact sealed, waiting for a taker', () => {
    spec
      .given([])
      .when((s) => registerReferredConsultation(s, referred()))
      .thenEvents(([registered], after) => {
        expect(registered.type).toBe('ConsultationRegistered');
        expect(registered.data).toEqual({
          consultationId: 'q-ref',
          channel: 'wechat',
          topic: 'other',
          customerId: 'cust-7',
          receivedAt: now.toISOString(),
          responseDueAt: new Date(now.getTime() + 2 * 3600_000).toISOString(),
          referredFrom: referral,
        });
        expect(registered.personalData).toEqual({
          subjectId: 'cust-7',
          fields: {
            question: 'Is my wife covered?\n\nAsks: A yes or no',
            contact: { name: 'Li', phone: '138' },
          },
        });
        expect(after).toMatchObject({ status: 'open', ownerId: null, referredFrom: referral });
      });
  });

  it('registers nothing when the same complaint is referred again, and refuses an id taken by another', () => {
    const history = registerReferredConsultation({ status: 'none' }, referred());
    spec
      .given(history)
      .when((s) => registerReferredConsultation(s, referred()))
      .then([]);
    spec
      .given(history)
      .when((s) =>
        registerReferredConsultation(
          s,
          referred({ referral: { ...referral, complaintId: 'other-complaint' } }),
        ),
      )
      .thenRefuses('consultation-exists');
    const desk = registerConsultation(
      { status: 'none' },
      {
        consultationId: 'q-ref',
        channel: 'hotline',
        topic: 't',
        question: 'q?',
        contact: {},
        receivedAt: now,
        responseDueAt: now,
      },
    );
    spec
      .given(desk)
      .when((s) => registerReferredConsultation(s, referred()))
      .thenRefuses('consultation-exists');
  });

  it('answers letters and regulator transfers at the counter, and keeps a question without the words', () => {
    expect(['hotline', 'letter', 'regulator-transfer', 'email'].map(consultationChannelOf)).toEqual([
      'hotline',
      'counter',
      'counter',
      'email',
    ]);
    spec
      .given([])
      .when((s) =>
        registerReferredConsultation(
          s,
          referred({ customerId: null, words: null, referral: { ...referral, complaintChannel: 'letter' } }),
        ),
      )
      .thenEvents(([registered]) => {
        expect(registered.data).toMatchObject({ channel: 'counter', customerId: null });
        expect(registered.personalData).toEqual({
          subjectId: 'consultation-q-ref',
          fields: {
            question: "Referred from complaint CMP-2026-000007 without the complainant's words",
            contact: {},
          },
        });
      });
  });
});
