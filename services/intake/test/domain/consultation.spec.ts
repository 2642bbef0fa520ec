import { deciderSpec } from '@claims/event-sourcing/testing';
import responsePromises from '../../data/response-promises.json';
import { answerConsultation } from '../../src/domain/consultation/answer-consultation';
import { consultationDecider } from '../../src/domain/consultation/consultation.decider';
import { ConsultationEvent } from '../../src/domain/consultation/consultation.events';
import { Consultation } from '../../src/domain/consultation/consultation.state';
import { HandoverTarget, handOverConsultation } from '../../src/domain/consultation/hand-over-consultation';
import {
  RegisterConsultationCommand,
  registerConsultation,
} from '../../src/domain/consultation/register-consultation';
import { ResponsePromises } from '../../src/domain/consultation/response-promise';
import { takeConsultation } from '../../src/domain/consultation/take-consultation';
import { turnConsultationIntoClaim } from '../../src/domain/consultation/turn-consultation-into-claim';
import { calendar, now } from './fixtures';

const spec = deciderSpec(consultationDecider);
const promises = ResponsePromises.fromData(responsePromises as never, calendar);

const registration = (overrides: Partial<RegisterConsultationCommand> = {}): RegisterConsultationCommand => ({
  consultationId: 'q1',
  channel: 'hotline',
  topic: 't',
  question: 'q?',
  contact: { name: 'Li' },
  customerId: 'c1',
  receivedAt: now,
  responseDueAt: promises.dueAt('hotline', now),
  ...overrides,
});

const take = (agentId: string) => (s: Consultation) => takeConsultation(s, { agentId, now });
const handOver = (byAgentId: string, target: HandoverTarget) => (s: Consultation) =>
  handOverConsultation(s, { byAgentId, target, reason: 'r', now });
const answer =
  (byAgentId: string, at = now) =>
  (s: Consultation) =>
    answerConsultation(s, { byAgentId, answer: 'done', now: at });

/** Builds a history step by step, each decision on the state the previous ones lead to. */
function historyOf(...decisions: Array<(s: Consultation) => ConsultationEvent[]>): ConsultationEvent[] {
  return decisions.reduce<ConsultationEvent[]>(
    (history, decide) => [...history, ...decide(spec.given(history).state)],
    [],
  );
}

const registered = historyOf((s) => registerConsultation(s, registration()));

describe('consultations (first-responder responsibility)', () => {
  it('promises a response per channel from data (hours or working days)', () => {
    expect(promises.dueAt('hotline', now).toISOString()).toBe('2026-03-10T04:00:00.000Z');
    // Friday 13 March 2026 18:00 Shanghai by email: 2 working days -> end of Tuesday 17 March.
    expect(promises.dueAt('email', new Date('2026-03-13T10:00:00Z')).toISOString()).toBe(
      '2026-03-17T15:59:59.999Z',
    );
  });

  it('registers the question and contact as personal data of the customer (or of the consultation)', () => {
    spec
      .given([])
      .when((s) => registerConsultation(s, registration()))
      .thenEvents(([event], after) => {
        expect(event).toMatchObject({
          type: 'ConsultationRegistered',
          data: {
            consultationId: 'q1',
            channel: 'hotline',
            customerId: 'c1',
            responseDueAt: '2026-03-10T04:00:00.000Z',
          },
          personalData: { subjectId: 'c1', fields: { question: 'q?', contact: { name: 'Li' } } },
        });
        expect(JSON.stringify(event.data)).not.toContain('q?');
        expect(after).toMatchObject({
          status: 'open',
          ownerId: null,
          question: 'q?',
          contact: { name: 'Li' },
        });
      });
    spec
      .given([])
      .when((s) => registerConsultation(s, registration({ customerId: undefined })))
      .thenEvents(([event]) => {
        expect(event).toMatchObject({
          data: { customerId: null },
          personalData: { subjectId: 'consultation-q1' },
        });
      });
  });

  it('makes the agent who registers it its owner at once', () => {
    spec
      .given([])
      .when((s) => registerConsultation(s, registration({ firstResponderId: 'a1' })))
      .then([
        { type: 'ConsultationRegistered', data: expect.objectContaining({ consultationId: 'q1' }) },
        {
          type: 'ConsultationTaken',
          data: { consultationId: 'q1', agentId: 'a1', team: null, takenAt: now.toISOString() },
        },
      ]);
  });

  it('gives the first taker ownership and refuses anyone else until a recorded handover', () => {
    const taken = historyOf(() => registered, take('a1'));
    spec.given(taken).when(take('a1')).thenNothingHappens();
    spec.given(taken).when(take('a2')).thenRefuses('consultation-already-owned', { ownerId: 'a1' });
    spec.given(taken).when(answer('a2')).thenRefuses('not-consultation-owner');
    spec
      .given(taken)
      .when(handOver('a2', { toAgentId: 'a3' }))
      .thenRefuses('not-consultation-owner');
    spec.given(taken).when(handOver('a1', {})).thenRefuses('handover-target-invalid');
    spec
      .given(taken)
      .when(handOver('a1', { toAgentId: 'a2', toTeam: 't' }))
      .thenRefuses('handover-target-invalid');
    spec
      .given(taken)
      .when(handOver('a1', { toAgentId: 'a1' }))
      .thenRefuses('handover-to-self');
    spec.given(registered).when(answer('a1')).thenRefuses('not-consultation-owner', { ownerId: null });

    spec
      .given(taken)
      .when(handOver('a1', { toTeam: 'motor-desk' }))
      .thenEvents((events, after) => {
        expect(events).toEqual([
          expect.objectContaining({
            type: 'ConsultationHandedOver',
            data: {
              consultationId: 'q1',
              fromAgentId: 'a1',
              toAgentId: null,
              toTeam: 'motor-desk',
              reason: 'r',
              handedOverAt: now.toISOString(),
            },
          }),
        ]);
        expect(after).toMatchObject({
          ownerId: null,
          team: 'motor-desk',
          handovers: [{ fromAgentId: 'a1', toTeam: 'motor-desk' }],
        });
      });
    const handedOver = historyOf(() => taken, handOver('a1', { toTeam: 'motor-desk' }));
    spec
      .given(handedOver)
      .when(take('a4'))
      .then([
        {
          type: 'ConsultationTaken',
          data: { consultationId: 'q1', agentId: 'a4', team: 'motor-desk', takenAt: now.toISOString() },
        },
      ]);

    const late = new Date('2026-03-10T05:00:00Z');
    const answered = historyOf(() => handedOver, take('a4'), answer('a4', late));
    expect(answered.at(-1)).toMatchObject({
      type: 'ConsultationAnswered',
      data: { answeredBy: 'a4', withinPromise: false },
      personalData: { subjectId: 'c1', fields: { answer: 'done' } },
    });
    expect(spec.given(answered).state).toMatchObject({
      status: 'answered',
      answer: { text: 'done', withinPromise: false, answeredBy: 'a4' },
    });
    spec.given(answered).when(answer('a4')).thenRefuses('consultation-closed');
    spec.given(answered).when(take('a5')).thenRefuses('consultation-closed');
  });

  it('answers within the promise up to the promised instant', () => {
    const taken = historyOf(() => registered, take('a1'));
    spec
      .given(taken)
      .when(answer('a1', new Date('2026-03-10T04:00:00Z')))
      .thenEvents(([event]) => {
        expect(event.data).toMatchObject({ withinPromise: true });
      });
  });

  it('turns into one claim only, keeping an answer given before, and refuses registering twice', () => {
    const turn = (claimId: string) => (s: Consultation) => turnConsultationIntoClaim(s, { claimId, now });
    spec
      .given(registered)
      .when(turn('k1'))
      .then([
        {
          type: 'ConsultationTurnedIntoClaim',
          data: { consultationId: 'q1', claimId: 'k1', turnedAt: now.toISOString() },
        },
      ]);
    const claimed = historyOf(() => registered, turn('k1'));
    spec.given(claimed).when(turn('k1')).thenNothingHappens();
    spec.given(claimed).when(turn('k2')).thenRefuses('consultation-already-claimed');
    spec.given(claimed).when(take('a1')).thenRefuses('consultation-closed');
    spec.given([]).when(turn('k1')).thenRefuses('consultation-unknown');
    expect(spec.given(claimed).state).toMatchObject({
      status: 'turned-into-claim',
      claimId: 'k1',
      answer: null,
    });
    const answeredThenClaimed = historyOf(() => registered, take('a1'), answer('a1'), turn('k1'));
    expect(spec.given(answeredThenClaimed).state).toMatchObject({
      status: 'turned-into-claim',
      answer: { text: 'done' },
    });
    spec
      .given(registered)
      .when((s) =>
        registerConsultation(s, registration({ channel: 'email', contact: {}, customerId: undefined })),
      )
      .thenRefuses('consultation-exists');
  });

  it('reads an erased contact as its name', () => {
    const [event] = registered;
    const erased = {
      ...event,
      personalData: { subjectId: 'c1', fields: { question: '[erased]', contact: '[erased]' } },
    };
    expect(spec.given([erased]).state).toMatchObject({ question: '[erased]', contact: { name: '[erased]' } });
  });
});
