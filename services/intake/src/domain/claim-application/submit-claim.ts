import { DomainRuleViolation } from '@claims/event-sourcing';
import { ClaimApplicationEvent, publicDocument, recordClaimApplication } from './claim-application.events';
import { ClaimApplication, ReportedClaimApplication, refuseUnlessReported } from './claim-application.state';
import { ChecklistItem, DocumentChecklists } from './document-checklist';

/** The product line's checklist, each item with whether it was supplied. */
export function checklistOf(
  claim: ReportedClaimApplication,
  checklists: DocumentChecklists,
): Array<ChecklistItem & { supplied: boolean }> {
  return checklists
    .for(claim.facts.policy.productLine)
    .map((item) => ({ ...item, supplied: hasDocument(claim, item.kind) }));
}

/** The required documents of the checklist not supplied yet. */
export function missingDocuments(
  claim: ReportedClaimApplication,
  checklists: DocumentChecklists,
): ChecklistItem[] {
  return checklists
    .for(claim.facts.policy.productLine)
    .filter((item) => item.required && !hasDocument(claim, item.kind));
}

/**
 * Hands the complete application to claims review (ClaimSubmitted v1); refused with the exact
 * list of what is missing.
 */
export function submitClaim(
  state: ClaimApplication,
  command: { checklists: DocumentChecklists; now: Date },
): ClaimApplicationEvent[] {
  const claim = refuseUnlessReported(state);
  if (claim.status !== 'collecting-documents') {
    throw new DomainRuleViolation(
      'claim-already-submitted',
      `Claim ${claim.facts.claimNumber} was already submitted`,
    );
  }
  const missing = missingDocuments(claim, command.checklists);
  if (missing.length > 0) {
    throw new DomainRuleViolation(
      'documents-missing',
      `Claim ${claim.facts.claimNumber} cannot be submitted: ${missing.length} required document(s) missing`,
      { missingDocuments: missing.map(({ kind, description }) => ({ kind, description })) },
    );
  }
  const { claimId, claimNumber, customerId, channel, feedbackChannel, policy, accident, estimatedLoss } =
    claim.facts;
  const submittedAt = command.now.toISOString();
  return [
    recordClaimApplication(
      'ClaimSubmitted',
      {
        claimId,
        claimNumber,
        customerId,
        channel,
        feedbackChannel,
        policy,
        accident,
        estimatedLoss,
        documents: claim.documents.map(publicDocument),
        submittedAt,
      },
      { occurredAt: submittedAt, personalData: { subjectId: customerId, fields: { ...claim.details } } },
    ),
  ];
}

function hasDocument(claim: ReportedClaimApplication, kind: string): boolean {
  return claim.documents.some((d) => d.kind === kind);
}
