import { ClaimNumberEvent, recordClaimNumber } from './claim-numbers.events';
import { ClaimNumbers } from './claim-numbers.state';

const LAST_SEQUENCE = 999_999;

/**
 * Hands out the year's next claim number CLM-YYYY-NNNNNN; a claim that has one already (a
 * retried command) keeps it and nothing is recorded. Two concurrent reports decide on the same
 * state: the history's optimistic concurrency lets one win, the other decides again and takes
 * the next number, so numbers are unique without a lock.
 */
export function assignClaimNumber(
  state: ClaimNumbers,
  command: { claimId: string; year: string; now: Date },
): ClaimNumberEvent[] {
  if (claimNumberOf(state, command.claimId)) return [];
  const sequence = (state.status === 'in-use' ? state.lastSequence : 0) + 1;
  if (sequence > LAST_SEQUENCE) throw new Error(`Claim numbers of ${command.year} are exhausted`);
  const claimNumber = `CLM-${command.year}-${String(sequence).padStart(6, '0')}`;
  return [
    recordClaimNumber(
      'ClaimNumberAssigned',
      { claimId: command.claimId, sequence, claimNumber },
      { occurredAt: command.now },
    ),
  ];
}

/** The number a claim was given, if any. */
export function claimNumberOf(state: ClaimNumbers, claimId: string): string | undefined {
  return state.status === 'in-use' ? state.byClaim[claimId] : undefined;
}
