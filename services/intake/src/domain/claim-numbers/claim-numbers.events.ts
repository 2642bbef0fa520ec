import { EventUnion, eventRecorder } from '@claims/event-sourcing';

/** Stream `claim-numbers-<year>`: the claim numbers CLM-YYYY-NNNNNN handed out in one year. */
export interface ClaimNumberEvents {
  ClaimNumberAssigned: { readonly claimId: string; readonly sequence: number; readonly claimNumber: string };
}

export type ClaimNumberEvent = EventUnion<ClaimNumberEvents>;

export const recordClaimNumber = eventRecorder<ClaimNumberEvents>({ ClaimNumberAssigned: 1 });
