import { Decider } from '@claims/event-sourcing';
import { personalText, personalTexts } from '../personal-fields';
import { PolicyEvent } from './policy.events';
import { Policy } from './policy.state';

export const policyDecider: Decider<Policy, PolicyEvent> = {
  initialState: () => ({ status: 'not-imported' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'PolicySnapshotImported': {
        const names = personalTexts(event, 'insuredPersonNames');
        return {
          status: 'imported',
          imported: event.data,
          holder: {
            customerId: event.data.holderCustomerId,
            name: personalText(event, 'holderName'),
            phone: personalText(event, 'holderPhone'),
          },
          insuredPersons: event.data.insuredPersonIds.map((personId) => ({
            personId,
            name: names[personId] ?? '',
          })),
        };
      }
      default: {
        // One event type: `event` itself does not narrow to never, its type does (a new type fails tsc here).
        const unexpected: never = event.type;
        throw new Error(`No evolve case for event ${String(unexpected)}`);
      }
    }
  },
};
