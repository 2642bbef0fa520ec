import { DomainRuleViolation, PersonalData } from '@claims/event-sourcing';
import { refuseClaimUnlessCovered } from '../policy/policy-cover';
import { ImportedPolicy, Policy, insures } from '../policy/policy.state';
import { Channel, FeedbackChannel, LossKind, Money } from '../vocabulary';
import {
  ClaimApplicationEvent,
  ClaimReportedData,
  ClaimantDetails,
  recordClaimApplication,
} from './claim-application.events';
import { ClaimApplication } from './claim-application.state';

/** The standard report template, collected once. */
export interface ClaimReport {
  readonly policyNumber: string;
  readonly insuredPersonId: string;
  readonly accident: {
    readonly occurredAt: Date;
    readonly place: string;
    readonly cause: string;
    readonly description: string;
    readonly lossKind: LossKind;
  };
  readonly estimatedLoss: Money;
  readonly claimant: { readonly name: string; readonly phone: string };
  readonly feedbackChannel: FeedbackChannel;
  readonly channel: Channel;
  readonly consultationId?: string;
}

/** Who reports, and the facts the domain needs from outside. */
export interface ReportCircumstances {
  /** The policy as intake knows it (its latest snapshot, or not imported). */
  readonly policy: Policy;
  /** Set when the customer reports for themself: they may claim only on their own policies. */
  readonly reportingCustomerId?: string;
  /** The agent who helped, or null for self-service. */
  readonly agentId: string | null;
  readonly now: Date;
  /** The accident's civil date where the policy applies. */
  readonly localDateOf: (instant: Date) => string;
}

/** A report the policy covers: everything ClaimReported records but the claim's id and number. */
export interface AcceptedClaimReport {
  readonly facts: Omit<ClaimReportedData, 'claimId' | 'claimNumber'>;
  readonly personalData: PersonalData & { readonly fields: ClaimantDetails };
}

/**
 * Checks a report against the policy before it costs a claim number: the policy is the
 * reporter's, in force on the accident's local date and insures the person; the accident is not
 * in the future; the estimate is a positive amount in the policy's currency.
 */
export function acceptClaimReport(
  report: ClaimReport,
  circumstances: ReportCircumstances,
): AcceptedClaimReport {
  refusePolicyNotOfReporter(circumstances, report.policyNumber);
  refuseAccidentTime(report.accident.occurredAt, circumstances.now);
  const accidentDate = circumstances.localDateOf(report.accident.occurredAt);
  const policy = refuseClaimUnlessCovered(circumstances.policy, report.policyNumber, accidentDate);
  refuseUninsuredPerson(policy, report.insuredPersonId);
  refuseEstimate(report.estimatedLoss, policy);
  const { accident, estimatedLoss } = report;
  return {
    facts: {
      customerId: policy.holder.customerId,
      channel: report.channel,
      consultationId: report.consultationId ?? null,
      agentId: circumstances.agentId,
      policy: policy.imported.snapshot,
      insuredPersonId: report.insuredPersonId,
      accident: {
        occurredAt: accident.occurredAt.toISOString(),
        cause: accident.cause,
        lossKind: accident.lossKind,
      },
      estimatedLoss: { amountMinor: estimatedLoss.amountMinor, currency: estimatedLoss.currency },
      feedbackChannel: report.feedbackChannel,
      reportedAt: circumstances.now.toISOString(),
    },
    personalData: {
      subjectId: policy.holder.customerId,
      fields: {
        claimantName: report.claimant.name,
        claimantPhone: report.claimant.phone,
        insuredPersonName:
          policy.insuredPersons.find((p) => p.personId === report.insuredPersonId)?.name ?? '',
        place: accident.place,
        description: accident.description,
      },
    },
  };
}

/** Records an accepted report under the claim's id and the number it was given. */
export function reportClaim(
  state: ClaimApplication,
  command: { claimId: string; claimNumber: string; report: AcceptedClaimReport },
): ClaimApplicationEvent[] {
  if (state.status !== 'none') {
    throw new DomainRuleViolation('claim-exists', `Claim ${state.facts.claimId} is already reported`);
  }
  const { claimId, claimNumber, report } = command;
  const data: ClaimReportedData = { claimId, claimNumber, ...report.facts };
  return [
    recordClaimApplication('ClaimReported', data, {
      occurredAt: data.reportedAt,
      personalData: report.personalData,
    }),
  ];
}

function refusePolicyNotOfReporter(
  { policy, reportingCustomerId }: ReportCircumstances,
  policyNumber: string,
): void {
  const foreign =
    policy.status === 'imported' &&
    reportingCustomerId !== undefined &&
    policy.holder.customerId !== reportingCustomerId;
  if (policy.status !== 'imported' || foreign) {
    throw new DomainRuleViolation('policy-unknown', `There is no policy ${policyNumber}`, { policyNumber });
  }
}

function refuseAccidentTime(occurredAt: Date, now: Date): void {
  if (occurredAt.getTime() > now.getTime()) {
    throw new DomainRuleViolation('accident-in-the-future', 'The accident time is in the future', {
      accidentAt: occurredAt.toISOString(),
    });
  }
}

function refuseUninsuredPerson(policy: ImportedPolicy, personId: string): void {
  if (!insures(policy, personId)) {
    throw new DomainRuleViolation(
      'insured-person-not-on-policy',
      `Policy ${policy.imported.snapshot.policyNumber} does not insure person ${personId}`,
      { insuredPersonIds: policy.insuredPersons.map((p) => p.personId) },
    );
  }
}

function refuseEstimate(estimate: Money, policy: ImportedPolicy): void {
  if (!Number.isSafeInteger(estimate.amountMinor) || estimate.amountMinor <= 0) {
    throw new DomainRuleViolation(
      'estimated-loss-invalid',
      'The estimated loss must be a positive whole number of minor units',
    );
  }
  const { currency } = policy.imported.snapshot.sumInsured;
  if (estimate.currency !== currency) {
    throw new DomainRuleViolation(
      'currency-mismatch',
      `The policy is in ${currency}; give the estimate in that currency`,
      {
        policyCurrency: currency,
      },
    );
  }
}
