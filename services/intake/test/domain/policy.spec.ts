import { deciderSpec } from '@claims/event-sourcing/testing';
import { insures } from '../../src/domain/policy/policy.state';
import { importOutcome, importPolicySnapshot } from '../../src/domain/policy/import-policy-snapshot';
import { policyDecider } from '../../src/domain/policy/policy.decider';
import { now, policyImport, policyImported } from './fixtures';

const spec = deciderSpec(policyDecider);
const importing =
  (overrides: Parameters<typeof policyImport>[0] = {}) =>
  (s: Parameters<typeof importPolicySnapshot>[0]) =>
    importPolicySnapshot(s, { policy: policyImport(overrides), now });

describe('policy snapshots', () => {
  const v1 = policyImported();

  it('imports a snapshot with the holder and insured persons, names only as personal data', () => {
    spec
      .given([])
      .when(importing())
      .thenEvents(([event], after) => {
        expect(event).toMatchObject({
          type: 'PolicySnapshotImported',
          schemaVersion: 1,
          occurredAt: now.toISOString(),
          data: {
            snapshot: { policyNumber: 'MOT-1', status: 'in-force' },
            version: 1,
            holderCustomerId: 'c1',
            insuredPersonIds: ['c1'],
          },
        });
        expect(JSON.stringify(event.data)).not.toContain('Li Na');
        expect(event.personalData).toMatchObject({
          subjectId: 'c1',
          fields: { holderName: 'Li Na', insuredPersonNames: { c1: 'Li Na' } },
        });
        expect(after).toMatchObject({
          status: 'imported',
          holder: { customerId: 'c1', name: 'Li Na', phone: '' },
        });
      });
  });

  it('imports once per version and refuses older or conflicting versions', () => {
    spec.given([v1]).when(importing()).thenNothingHappens();
    expect(importOutcome([])).toBe('already-imported');
    // as a PostgreSQL store hands it back: JSONB orders keys by length, then bytes
    const reordered = JSON.parse(
      JSON.stringify(v1.data, (_key, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).reverse())
          : value,
      ),
    ) as typeof v1.data;
    expect(Object.keys(reordered)).not.toEqual(Object.keys(v1.data));
    spec
      .given([{ ...v1, data: reordered }])
      .when(importing())
      .thenNothingHappens();
    spec
      .given([v1])
      .when(importing({ status: 'lapsed' }))
      .thenRefuses('policy-version-conflict');
    spec
      .given([v1])
      .when(importing({ version: 2, status: 'lapsed' }))
      .then([
        {
          type: 'PolicySnapshotImported',
          data: expect.objectContaining({
            version: 2,
            snapshot: expect.objectContaining({ status: 'lapsed' }),
          }),
        },
      ]);
    const v2 = policyImported({ version: 2, status: 'lapsed' });
    spec
      .given([v1, v2])
      .when(importing({ version: 1 }))
      .thenRefuses('policy-version-outdated', { currentVersion: 2 });
    expect(importOutcome([v2])).toBe('imported');
  });

  it.each([
    [{ coverEnd: '2025-01-01' }, 'cover-period-invalid'],
    [{ deductible: { amountMinor: 1, currency: 'USD' } }, 'policy-currency-mixed'],
    [{ insuredPersons: [] }, 'no-insured-person'],
  ])('refuses an inconsistent snapshot %p', (overrides, code) => {
    spec.given([]).when(importing(overrides)).thenRefuses(code);
  });

  it('knows whom it insures, and reads names as erased once the holder was forgotten', () => {
    const state = spec.given([v1]).state;
    if (state.status !== 'imported') throw new Error('not imported');
    expect(insures(state, 'c1')).toBe(true);
    expect(insures(state, 'c2')).toBe(false);
    const erased = {
      ...v1,
      personalData: {
        subjectId: 'c1',
        fields: { holderName: '[erased]', holderPhone: '[erased]', insuredPersonNames: '[erased]' },
      },
    };
    expect(spec.given([erased]).state).toMatchObject({
      holder: { name: '[erased]' },
      insuredPersons: [{ personId: 'c1', name: '' }],
    });
  });
});
