import { DomainEvent, EventSourcedAggregate } from '@claims/event-sourcing';

/**
 * Hands out claim numbers CLM-YYYY-NNNNNN, one stream per year (`claim-numbers-YYYY`). Two
 * concurrent reports append at the same expected revision: one wins, the other reloads and
 * takes the next number, so numbers are unique without a lock.
 */
export class ClaimNumberSequence extends EventSourcedAggregate {
  private last = 0;
  private readonly byClaim = new Map<string, string>();

  /** The claim's number: the one it already has (a retried command), or the next one. */
  assign(claimId: string): string {
    const existing = this.byClaim.get(claimId);
    if (existing) return existing;
    const sequence = this.last + 1;
    if (sequence > 999_999) throw new Error(`Claim numbers of ${this.id} are exhausted`);
    const claimNumber = `CLM-${this.id}-${String(sequence).padStart(6, '0')}`;
    this.apply({ type: 'ClaimNumberAssigned', schemaVersion: 1, data: { claimId, sequence, claimNumber } });
    return claimNumber;
  }

  onClaimNumberAssigned(event: DomainEvent<{ claimId: string; sequence: number; claimNumber: string }>): void {
    this.last = event.data.sequence;
    this.byClaim.set(event.data.claimId, event.data.claimNumber);
  }
}
