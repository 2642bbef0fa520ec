import { stateFrom } from '@claims/event-sourcing';
import { deciderSpec } from '@claims/event-sourcing/testing';
import { assignClaimNumber, claimNumberOf } from '../../src/domain/claim-numbers/assign-claim-number';
import { claimNumbersDecider } from '../../src/domain/claim-numbers/claim-numbers.decider';
import { ClaimNumberEvent } from '../../src/domain/claim-numbers/claim-numbers.events';
import { now } from './fixtures';

const spec = deciderSpec(claimNumbersDecider);
const assign = (claimId: string) => (s: Parameters<typeof assignClaimNumber>[0]) =>
  assignClaimNumber(s, { claimId, year: '2026', now });

describe('claim numbers', () => {
  it('counts up per year and gives a retried claim its number again', () => {
    const history: ClaimNumberEvent[] = [];
    for (const claimId of ['a', 'b'])
      history.push(...assign(claimId)(stateFrom(claimNumbersDecider, history)));
    expect(history.map((e) => e.data)).toEqual([
      { claimId: 'a', sequence: 1, claimNumber: 'CLM-2026-000001' },
      { claimId: 'b', sequence: 2, claimNumber: 'CLM-2026-000002' },
    ]);
    spec.given(history).when(assign('a')).thenNothingHappens();
    expect(claimNumberOf(spec.given(history).state, 'a')).toBe('CLM-2026-000001');
    spec
      .given(history)
      .when(assign('c'))
      .then([
        { type: 'ClaimNumberAssigned', data: { claimId: 'c', sequence: 3, claimNumber: 'CLM-2026-000003' } },
      ]);
  });

  it('stops at the last number of the year', () => {
    const last = {
      type: 'ClaimNumberAssigned',
      schemaVersion: 1,
      data: { claimId: 'z', sequence: 999_999, claimNumber: 'CLM-2026-999999' },
    } as const;
    expect(() => assign('y')(spec.given([last]).state)).toThrow(/exhausted/);
  });
});
