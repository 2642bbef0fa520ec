import { DomainRuleViolation } from '@claims/event-sourcing';
import { ImportedPolicy, Policy } from './policy.state';

/**
 * A claim may be made only on a known policy that is in force on the accident date (local
 * date, cover period inclusive).
 */
export function refuseClaimUnlessCovered(
  policy: Policy,
  policyNumber: string,
  accidentDate: string,
): ImportedPolicy {
  if (policy.status !== 'imported') {
    throw new DomainRuleViolation('policy-unknown', `There is no policy ${policyNumber}`, { policyNumber });
  }
  const { status, coverStart, coverEnd } = policy.imported.snapshot;
  if (status !== 'in-force') {
    throw new DomainRuleViolation('policy-not-in-force', `Policy ${policyNumber} is ${status}`, {
      policyNumber,
      policyStatus: status,
    });
  }
  if (accidentDate < coverStart) {
    throw new DomainRuleViolation(
      'accident-before-cover-start',
      `Policy ${policyNumber} was not yet active on ${accidentDate}: cover starts on ${coverStart}`,
      { policyNumber, coverStart, accidentDate },
    );
  }
  if (accidentDate > coverEnd) {
    throw new DomainRuleViolation(
      'accident-after-cover-end',
      `Policy ${policyNumber} had lapsed on ${accidentDate}: cover ended on ${coverEnd}`,
      { policyNumber, coverEnd, accidentDate },
    );
  }
  return policy;
}
