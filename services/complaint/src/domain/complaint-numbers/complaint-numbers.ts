import { Decider } from '@claims/event-sourcing';
import { ComplaintNumberEvent, ComplaintNumbers, recordComplaintNumber } from './complaint-numbers.events';

const LAST_SEQUENCE = 999_999;

export const complaintNumbersDecider: Decider<ComplaintNumbers, ComplaintNumberEvent> = {
  initialState: () => ({ status: 'unused' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ComplaintNumberAssigned': {
        const byComplaint = state.status === 'in-use' ? state.byComplaint : {};
        return {
          status: 'in-use',
          lastSequence: event.data.sequence,
          byComplaint: { ...byComplaint, [event.data.complaintId]: event.data.complaintNumber },
        };
      }
      default: {
        const unexpected: never = event.type;
        throw new Error(`No evolve case for event ${String(unexpected)}`);
      }
    }
  },
};

/**
 * Hands out the year's next complaint number CMP-YYYY-NNNNNN; a complaint that has one already (a
 * retried command) keeps it. Two concurrent receipts decide on the same state: the stream's
 * optimistic concurrency lets one win, the other decides again and takes the next number.
 */
export function assignComplaintNumber(
  state: ComplaintNumbers,
  command: { complaintId: string; year: string; now: Date },
): ComplaintNumberEvent[] {
  if (complaintNumberOf(state, command.complaintId)) return [];
  const sequence = (state.status === 'in-use' ? state.lastSequence : 0) + 1;
  if (sequence > LAST_SEQUENCE) throw new Error(`Complaint numbers of ${command.year} are exhausted`);
  const complaintNumber = `CMP-${command.year}-${String(sequence).padStart(6, '0')}`;
  return [
    recordComplaintNumber(
      'ComplaintNumberAssigned',
      { complaintId: command.complaintId, sequence, complaintNumber },
      { occurredAt: command.now },
    ),
  ];
}

export function complaintNumberOf(state: ComplaintNumbers, complaintId: string): string | undefined {
  return state.status === 'in-use' ? state.byComplaint[complaintId] : undefined;
}
