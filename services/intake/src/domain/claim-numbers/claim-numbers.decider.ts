import { Decider } from '@claims/event-sourcing';
import { ClaimNumberEvent } from './claim-numbers.events';
import { ClaimNumbers } from './claim-numbers.state';

export const claimNumbersDecider: Decider<ClaimNumbers, ClaimNumberEvent> = {
  initialState: () => ({ status: 'unused' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ClaimNumberAssigned': {
        const byClaim = state.status === 'in-use' ? state.byClaim : {};
        return {
          status: 'in-use',
          lastSequence: event.data.sequence,
          byClaim: { ...byClaim, [event.data.claimId]: event.data.claimNumber },
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
