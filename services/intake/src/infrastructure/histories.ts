import { FactoryProvider } from '@nestjs/common';
import {
  Decider,
  DeciderRepository,
  DomainEvent,
  EventStore,
  PersonalDataVault,
} from '@claims/event-sourcing';
import { EVENT_STORE, PERSONAL_DATA_VAULT } from '@claims/service-host';
import { CLAIM_APPLICATIONS, CLAIM_NUMBERS, CONSULTATIONS, POLICIES } from '../application/ports';
import { claimApplicationDecider } from '../domain/claim-application/claim-application.decider';
import { claimNumbersDecider } from '../domain/claim-numbers/claim-numbers.decider';
import { consultationDecider } from '../domain/consultation/consultation.decider';
import { policyDecider } from '../domain/policy/policy.decider';

/** Stream prefixes: `policy-<number>`, `consultation-<id>`, `claim-<id>`, `claim-numbers-<year>`. */
export const STREAM_PREFIXES = {
  policy: 'policy',
  consultation: 'consultation',
  claim: 'claim',
  claimNumbers: 'claim-numbers',
} as const;

/** A process's history on intake's own event store; personal data sealed with the platform's vault. */
function history<State, Event extends DomainEvent>(
  token: symbol,
  streamPrefix: string,
  decider: Decider<State, Event>,
): FactoryProvider<DeciderRepository<State, Event>> {
  return {
    provide: token,
    inject: [EVENT_STORE, PERSONAL_DATA_VAULT],
    useFactory: (store: EventStore, vault: PersonalDataVault) =>
      new DeciderRepository({ store, streamPrefix, decider, vault }),
  };
}

export const intakeHistories = [
  history(POLICIES, STREAM_PREFIXES.policy, policyDecider),
  history(CONSULTATIONS, STREAM_PREFIXES.consultation, consultationDecider),
  history(CLAIM_APPLICATIONS, STREAM_PREFIXES.claim, claimApplicationDecider),
  history(CLAIM_NUMBERS, STREAM_PREFIXES.claimNumbers, claimNumbersDecider),
];
