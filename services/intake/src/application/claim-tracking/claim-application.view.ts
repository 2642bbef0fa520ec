import { Principal } from '@claims/service-host';
import {
  ClaimReportedData,
  ClaimantDetails,
  SuppliedDocument,
} from '../../domain/claim-application/claim-application.events';
import {
  ClaimStatus,
  ReportedClaimApplication,
  SupplementaryRound,
} from '../../domain/claim-application/claim-application.state';
import { customerStageOf } from '../../domain/claim-application/customer-stage';
import { ChecklistItem, DocumentChecklists } from '../../domain/claim-application/document-checklist';
import { checklistOf, missingDocuments } from '../../domain/claim-application/submit-claim';
import { Money } from '../../domain/vocabulary';
import { ClaimProgress } from './claim-status.view';
import { stageInWords } from './customer-words';

/** A document as clients see it: never where the (sealed) bytes are kept. */
export type DocumentView = Omit<SuppliedDocument, 'blobReference'>;

/** What the customer and the front desk both see of an application. */
interface ApplicationParts {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly submittedAt: string | null;
  /** Where the claim stands, as the customer is told it (to closure). */
  readonly progress: ClaimProgress;
  /** Of the last event folded in: send it as If-Match on the next change. */
  readonly revision: number;
  readonly checklist: ReadonlyArray<ChecklistItem & { supplied: boolean }>;
  readonly missingDocuments: ReadonlyArray<Pick<ChecklistItem, 'kind' | 'description'>>;
  readonly documents: readonly DocumentView[];
  readonly supplementaryRequests: readonly SupplementaryRound[];
}

/**
 * The whole application as the front desk sees it: every command on a claim answers with it
 * (to staff), GET /claims/:claimId shows it, and auditors see it as of a cut.
 */
export interface ClaimApplicationView extends ClaimReportedData, ClaimantDetails, ApplicationParts {
  readonly status: ClaimStatus;
}

/**
 * The application as its customer sees it: what they reported, their documents and what is still
 * missing or asked of them, and where the claim stands. Never the agent who took it, the
 * application's internal status or the policy snapshot it was checked against (the policy is
 * GET /policies/{policyNumber}).
 */
export interface CustomerClaimApplicationView extends ClaimantDetails, ApplicationParts {
  readonly policyNumber: string;
  readonly productLine: string;
  readonly channel: ClaimReportedData['channel'];
  readonly consultationId: string | null;
  readonly insuredPersonId: string;
  readonly accident: ClaimReportedData['accident'];
  readonly estimatedLoss: Money;
  readonly feedbackChannel: ClaimReportedData['feedbackChannel'];
  readonly reportedAt: string;
}

/** Staff see the front desk's view, a customer their own. */
export function applicationViewFor(
  principal: Principal,
  claim: ReportedClaimApplication,
  revision: number,
  checklists: DocumentChecklists,
): ClaimApplicationView | CustomerClaimApplicationView {
  return principal.role === 'customer'
    ? customerClaimApplicationView(claim, revision, checklists)
    : claimApplicationView(claim, revision, checklists);
}

export function claimApplicationView(
  claim: ReportedClaimApplication,
  revision: number,
  checklists: DocumentChecklists,
): ClaimApplicationView {
  return {
    ...claim.facts,
    ...claim.details,
    status: claim.status,
    ...applicationParts(claim, revision, checklists),
  };
}

export function customerClaimApplicationView(
  claim: ReportedClaimApplication,
  revision: number,
  checklists: DocumentChecklists,
): CustomerClaimApplicationView {
  const { facts } = claim;
  return {
    ...applicationParts(claim, revision, checklists),
    policyNumber: facts.policy.policyNumber,
    productLine: facts.policy.productLine,
    channel: facts.channel,
    consultationId: facts.consultationId,
    insuredPersonId: facts.insuredPersonId,
    accident: facts.accident,
    estimatedLoss: facts.estimatedLoss,
    feedbackChannel: facts.feedbackChannel,
    reportedAt: facts.reportedAt,
    ...claim.details,
  };
}

function applicationParts(
  claim: ReportedClaimApplication,
  revision: number,
  checklists: DocumentChecklists,
): ApplicationParts {
  const submitted = claim.status === 'collecting-documents' ? null : claim;
  return {
    claimId: claim.facts.claimId,
    claimNumber: claim.facts.claimNumber,
    submittedAt: submitted?.submittedAt ?? null,
    progress: progressOfClaim(claim),
    revision,
    checklist: checklistOf(claim, checklists),
    missingDocuments: missingDocuments(claim, checklists).map(({ kind, description }) => ({
      kind,
      description,
    })),
    documents: claim.documents.map(documentView),
    supplementaryRequests: submitted?.rounds ?? [],
  };
}

/** Where a claim stands, from its history: the same words as the claim status view. */
export function progressOfClaim(claim: ReportedClaimApplication): ClaimProgress {
  const review = claim.status === 'collecting-documents' ? null : claim.review;
  const stage = customerStageOf(claim.status, review?.stage ?? null);
  const facts = {
    payout: review?.decision?.payout,
    payment: review?.payment,
    reopened: Boolean(review?.reopened),
    denied: review?.decision?.outcome === 'denied',
  };
  return { stage, description: stageInWords(stage, facts) };
}

export function documentView({ blobReference: _blob, ...document }: SuppliedDocument): DocumentView {
  return document;
}
