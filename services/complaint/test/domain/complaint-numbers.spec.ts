import { deciderSpec } from '@claims/event-sourcing/testing';
import {
  assignComplaintNumber,
  complaintNumbersDecider,
} from '../../src/domain/complaint-numbers/complaint-numbers';

const spec = deciderSpec(complaintNumbersDecider);
const now = new Date('2026-03-02T01:00:00Z');

describe('complaint numbers CMP-YYYY-NNNNNN', () => {
  it('hands out the year’s next number, and the same one again for a retried complaint', () => {
    spec
      .given([])
      .when((s) => assignComplaintNumber(s, { complaintId: 'a', year: '2026', now }))
      .then([
        {
          type: 'ComplaintNumberAssigned',
          data: { complaintId: 'a', sequence: 1, complaintNumber: 'CMP-2026-000001' },
        },
      ]);
    const first = assignComplaintNumber(spec.given([]).state, { complaintId: 'a', year: '2026', now });
    spec
      .given(first)
      .when((s) => assignComplaintNumber(s, { complaintId: 'b', year: '2026', now }))
      .then([
        {
          type: 'ComplaintNumberAssigned',
          data: { complaintId: 'b', sequence: 2, complaintNumber: 'CMP-2026-000002' },
        },
      ]);
    spec
      .given(first)
      .when((s) => assignComplaintNumber(s, { complaintId: 'a', year: '2026', now }))
      .thenNothingHappens();
  });
});
