import { EventUnion, eventRecorder } from '@claims/event-sourcing';

/** Stream `complaint-numbers-<year>`: the complaint numbers CMP-YYYY-NNNNNN handed out in one year. */
export interface ComplaintNumberEvents {
  ComplaintNumberAssigned: {
    readonly complaintId: string;
    readonly sequence: number;
    readonly complaintNumber: string;
  };
}

export type ComplaintNumberEvent = EventUnion<ComplaintNumberEvents>;

export const recordComplaintNumber = eventRecorder<ComplaintNumberEvents>({ ComplaintNumberAssigned: 1 });

/** A year's complaint numbers: none handed out yet, or the last sequence and each complaint's number. */
export type ComplaintNumbers =
  | { readonly status: 'unused' }
  | {
      readonly status: 'in-use';
      readonly lastSequence: number;
      readonly byComplaint: Readonly<Record<string, string>>;
    };
