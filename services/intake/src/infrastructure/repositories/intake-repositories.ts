import { Provider } from '@nestjs/common';
import { AggregateRepository, EventSourcedAggregate, EventStore, PersonalDataVault } from '@claims/event-sourcing';
import { EVENT_STORE, PERSONAL_DATA_VAULT } from '@claims/service-host';
import { ClaimApplication } from '../../domain/claim/claim-application';
import { ClaimNumberSequence } from '../../domain/claim/claim-number-sequence';
import { Consultation } from '../../domain/consultation/consultation';
import { Policy } from '../../domain/policy/policy';

export const POLICIES = Symbol('POLICIES');
export const CONSULTATIONS = Symbol('CONSULTATIONS');
export const CLAIMS = Symbol('CLAIMS');
export const CLAIM_NUMBERS = Symbol('CLAIM_NUMBERS');

/** Stream prefixes: `policy-<number>`, `consultation-<id>`, `claim-<id>`, `claim-numbers-<year>`. */
export const STREAM_PREFIXES = { policy: 'policy', consultation: 'consultation', claim: 'claim', claimNumbers: 'claim-numbers' } as const;

function repository<T extends EventSourcedAggregate>(token: symbol, prefix: string, create: (id: string) => T): Provider {
  return {
    provide: token,
    inject: [EVENT_STORE, PERSONAL_DATA_VAULT],
    useFactory: (store: EventStore, vault: PersonalDataVault) => new AggregateRepository(store, prefix, create, undefined, undefined, vault),
  };
}

export const repositoryProviders: Provider[] = [
  repository(POLICIES, STREAM_PREFIXES.policy, (id) => new Policy(id)),
  repository(CONSULTATIONS, STREAM_PREFIXES.consultation, (id) => new Consultation(id)),
  repository(CLAIMS, STREAM_PREFIXES.claim, (id) => new ClaimApplication(id)),
  repository(CLAIM_NUMBERS, STREAM_PREFIXES.claimNumbers, (id) => new ClaimNumberSequence(id)),
];
