import { DomainEvent, DomainRuleViolation, EventSourcedAggregate } from '@claims/event-sourcing';
import { Policy, PolicySnapshot, refuseClaimUnlessCovered } from '../policy/policy';
import { Channel, FeedbackChannel, LossKind, Money } from '../vocabulary';
import { ChecklistItem, DocumentChecklists } from './document-checklist';
import { DocumentFile, refuseUnacceptableFile } from './document-rules';

/** The standard report template, collected once. */
export interface ClaimReport {
  readonly policyNumber: string;
  readonly insuredPersonId: string;
  readonly accident: { readonly occurredAt: Date; readonly place: string; readonly cause: string; readonly description: string; readonly lossKind: LossKind };
  readonly estimatedLoss: Money;
  readonly claimant: { readonly name: string; readonly phone: string };
  readonly feedbackChannel: FeedbackChannel;
  readonly channel: Channel;
  readonly consultationId?: string;
}

/** Who reports, and the facts the domain needs from outside. */
export interface ReportCircumstances {
  readonly claimNumber: string;
  readonly policy: Policy | null;
  /** Set when the customer reports for themself: they may claim only on their own policies. */
  readonly reportingCustomerId?: string;
  /** The agent who helped, or null for self-service. */
  readonly agentId: string | null;
  readonly now: Date;
  /** The accident's civil date where the policy applies. */
  readonly localDateOf: (instant: Date) => string;
}

export interface ClaimReportedData {
  readonly claimId: string;
  readonly claimNumber: string;
  readonly customerId: string;
  readonly channel: Channel;
  readonly consultationId: string | null;
  readonly agentId: string | null;
  readonly policy: PolicySnapshot;
  readonly insuredPersonId: string;
  readonly accident: { readonly occurredAt: string; readonly cause: string; readonly lossKind: LossKind };
  readonly estimatedLoss: Money;
  readonly feedbackChannel: FeedbackChannel;
  readonly reportedAt: string;
}

export interface ClaimantDetails {
  readonly claimantName: string;
  readonly claimantPhone: string;
  readonly insuredPersonName: string;
  readonly place: string;
  readonly description: string;
}

export interface SuppliedDocument extends DocumentFile {
  readonly documentId: string;
  readonly kind: string;
  readonly uploadedAt: string;
  /** The supplementary round it answers, or null when supplied with the application. */
  readonly round: number | null;
}

export interface SupplementaryRequest {
  readonly round: number;
  readonly items: readonly { readonly documentKind: string; readonly reason: string }[];
  readonly requestedAt: string;
  readonly providedAt: string | null;
}

export const CLAIM_STATUSES = ['collecting-documents', 'submitted', 'awaiting-supplementary-documents', 'supplementary-documents-provided'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** The document as the integration contract carries it. */
export function publicDocument(document: SuppliedDocument) {
  const { documentId, kind, contentHash, mediaType, sizeBytes } = document;
  return { documentId, kind, contentHash, mediaType, sizeBytes };
}

/**
 * A claim report and application: collected once with the standard template, documents
 * gathered against the product line's checklist, submitted when complete, and answered with
 * supplementary documents when claims review asks for them. Stream `claim-<claimId>`.
 */
export class ClaimApplication extends EventSourcedAggregate {
  private reported: ClaimReportedData | null = null;
  private details: ClaimantDetails | null = null;
  private currentStatus: ClaimStatus = 'collecting-documents';
  private readonly documents: SuppliedDocument[] = [];
  private readonly requests: SupplementaryRequest[] = [];
  private submittedAt: string | null = null;

  get exists(): boolean {
    return this.reported !== null;
  }

  get facts(): ClaimReportedData {
    if (!this.reported) throw new Error(`Claim ${this.id} was not reported`);
    return this.reported;
  }

  get status(): ClaimStatus {
    return this.currentStatus;
  }

  get customerId(): string {
    return this.facts.customerId;
  }

  report(report: ClaimReport, circumstances: ReportCircumstances): void {
    if (this.reported) throw new DomainRuleViolation('claim-exists', `Claim ${this.id} is already reported`);
    const policy = refusePolicyNotOfReporter(circumstances, report.policyNumber);
    refuseAccidentTime(report.accident.occurredAt, circumstances.now);
    refuseClaimUnlessCovered(policy, report.policyNumber, circumstances.localDateOf(report.accident.occurredAt));
    refuseUninsuredPerson(policy, report.insuredPersonId);
    refuseEstimate(report.estimatedLoss, policy.snapshot);
    const data = reportedData(this.id, report, circumstances, policy);
    this.apply({
      type: 'ClaimReported',
      schemaVersion: 1,
      data,
      occurredAt: data.reportedAt,
      personalData: {
        subjectId: policy.holderCustomerId,
        fields: {
          claimantName: report.claimant.name,
          claimantPhone: report.claimant.phone,
          insuredPersonName: policy.insuredPersons.find((p) => p.personId === report.insuredPersonId)?.name ?? '',
          place: report.accident.place,
          description: report.accident.description,
        } satisfies ClaimantDetails,
      },
    });
  }

  /** The product line's checklist, each item with whether it was supplied. */
  checklist(checklists: DocumentChecklists): Array<ChecklistItem & { supplied: boolean }> {
    return checklists.for(this.facts.policy.productLine).map((item) => ({ ...item, supplied: this.hasDocument(item.kind) }));
  }

  missingDocuments(checklists: DocumentChecklists): ChecklistItem[] {
    return checklists.for(this.facts.policy.productLine).filter((item) => item.required && !this.hasDocument(item.kind));
  }

  uploadDocument(documentId: string, kind: string, file: DocumentFile, checklists: DocumentChecklists, now: Date): void {
    const round = this.openRound();
    if (this.currentStatus !== 'collecting-documents' && !round) {
      throw new DomainRuleViolation('claim-already-submitted', `Claim ${this.facts.claimNumber} was submitted; documents are accepted again only when claims review asks for more`);
    }
    this.refuseUnknownKind(kind, checklists, round);
    refuseUnacceptableFile(file.mediaType, file.sizeBytes);
    const duplicate = this.documents.find((d) => d.contentHash === file.contentHash);
    if (duplicate) {
      throw new DomainRuleViolation('duplicate-document', `This file was already uploaded as ${duplicate.kind}`, {
        existingDocumentId: duplicate.documentId,
        kind: duplicate.kind,
      });
    }
    this.apply({
      type: 'DocumentUploaded',
      schemaVersion: 1,
      data: { claimId: this.id, documentId, kind, ...file, uploadedAt: now.toISOString(), round: round?.round ?? null } satisfies SuppliedDocument & { claimId: string },
      occurredAt: now.toISOString(),
    });
  }

  /** Hands the complete application to claims review; refused with the exact list of what is missing. */
  submit(checklists: DocumentChecklists, now: Date): void {
    if (this.currentStatus !== 'collecting-documents') {
      throw new DomainRuleViolation('claim-already-submitted', `Claim ${this.facts.claimNumber} was already submitted`);
    }
    const missing = this.missingDocuments(checklists);
    if (missing.length > 0) {
      throw new DomainRuleViolation('documents-missing', `Claim ${this.facts.claimNumber} cannot be submitted: ${missing.length} required document(s) missing`, {
        missingDocuments: missing.map(({ kind, description }) => ({ kind, description })),
      });
    }
    const { claimId, claimNumber, customerId, channel, feedbackChannel, policy, accident, estimatedLoss } = this.facts;
    this.apply({
      type: 'ClaimSubmitted',
      schemaVersion: 1,
      data: {
        claimId,
        claimNumber,
        customerId,
        channel,
        feedbackChannel,
        policy,
        accident,
        estimatedLoss,
        documents: this.documents.map(publicDocument),
        submittedAt: now.toISOString(),
      },
      occurredAt: now.toISOString(),
      personalData: { subjectId: customerId, fields: { ...(this.details as ClaimantDetails) } },
    });
  }

  /** Claims review asked for more; a round already recorded (a redelivered message) changes nothing. */
  recordSupplementaryRequest(request: Omit<SupplementaryRequest, 'providedAt'>, now: Date): void {
    if (this.requests.some((r) => r.round === request.round)) return;
    if (this.currentStatus === 'collecting-documents') {
      throw new DomainRuleViolation('claim-not-submitted', `Claim ${this.facts.claimNumber} was not submitted yet`);
    }
    if (request.items.length === 0) throw new DomainRuleViolation('supplementary-request-empty', 'The request names no document');
    this.apply({
      type: 'SupplementaryDocumentsRequestReceived',
      schemaVersion: 1,
      data: { claimId: this.id, round: request.round, items: request.items, requestedAt: request.requestedAt, receivedAt: now.toISOString() },
      occurredAt: now.toISOString(),
    });
  }

  /** Hands the supplementary documents back to claims review once every requested kind is there. */
  provideSupplementaryDocuments(now: Date): void {
    const round = this.openRound();
    if (!round) throw new DomainRuleViolation('no-open-supplementary-request', `Claims review has asked for nothing on claim ${this.facts.claimNumber}`);
    const supplied = this.documents.filter((d) => d.round === round.round);
    const missing = round.items.filter((item) => !supplied.some((d) => d.kind === item.documentKind));
    if (missing.length > 0) {
      throw new DomainRuleViolation('supplementary-documents-missing', `${missing.length} requested document(s) still missing`, {
        round: round.round,
        missingDocuments: missing.map(({ documentKind, reason }) => ({ kind: documentKind, reason })),
      });
    }
    this.apply({
      type: 'SupplementaryDocumentsProvided',
      schemaVersion: 1,
      data: {
        claimId: this.id,
        claimNumber: this.facts.claimNumber,
        round: round.round,
        documents: supplied.map(publicDocument),
        providedAt: now.toISOString(),
      },
      occurredAt: now.toISOString(),
    });
  }

  /** The whole application as the customer and the front desk see it. */
  view(checklists: DocumentChecklists) {
    return {
      ...this.facts,
      ...this.details,
      status: this.currentStatus,
      submittedAt: this.submittedAt,
      revision: this.revision,
      checklist: this.checklist(checklists),
      missingDocuments: this.missingDocuments(checklists).map(({ kind, description }) => ({ kind, description })),
      documents: this.documents.map(({ blobReference: _blob, ...document }) => document),
      supplementaryRequests: this.requests,
    };
  }

  onClaimReported(event: DomainEvent<ClaimReportedData>): void {
    this.reported = event.data;
    this.details = event.personalData?.fields as unknown as ClaimantDetails;
  }

  onDocumentUploaded(event: DomainEvent<SuppliedDocument>): void {
    const { documentId, kind, contentHash, mediaType, sizeBytes, blobReference, uploadedAt, round } = event.data;
    this.documents.push({ documentId, kind, contentHash, mediaType, sizeBytes, blobReference, uploadedAt, round });
  }

  onClaimSubmitted(event: DomainEvent<{ submittedAt: string }>): void {
    this.currentStatus = 'submitted';
    this.submittedAt = event.data.submittedAt;
  }

  onSupplementaryDocumentsRequestReceived(event: DomainEvent<Omit<SupplementaryRequest, 'providedAt'>>): void {
    const { round, items, requestedAt } = event.data;
    this.requests.push({ round, items, requestedAt, providedAt: null });
    this.currentStatus = 'awaiting-supplementary-documents';
  }

  onSupplementaryDocumentsProvided(event: DomainEvent<{ round: number; providedAt: string }>): void {
    const index = this.requests.findIndex((r) => r.round === event.data.round);
    this.requests[index] = { ...this.requests[index], providedAt: event.data.providedAt };
    this.currentStatus = this.openRound() ? 'awaiting-supplementary-documents' : 'supplementary-documents-provided';
  }

  document(documentId: string): SuppliedDocument | undefined {
    return this.documents.find((d) => d.documentId === documentId);
  }

  private openRound(): SupplementaryRequest | undefined {
    return this.requests.find((r) => r.providedAt === null);
  }

  private hasDocument(kind: string): boolean {
    return this.documents.some((d) => d.kind === kind);
  }

  private refuseUnknownKind(kind: string, checklists: DocumentChecklists, round: SupplementaryRequest | undefined): void {
    const requested = round?.items.some((item) => item.documentKind === kind) ?? false;
    if (!requested && !checklists.item(this.facts.policy.productLine, kind)) {
      throw new DomainRuleViolation('document-kind-unknown', `A ${this.facts.policy.productLine} claim does not take a document of kind ${kind}`, {
        acceptedKinds: checklists.for(this.facts.policy.productLine).map((item) => item.kind),
      });
    }
  }
}

function refusePolicyNotOfReporter(circumstances: ReportCircumstances, policyNumber: string): Policy {
  const { policy, reportingCustomerId } = circumstances;
  const foreign = policy?.exists && reportingCustomerId !== undefined && policy.holderCustomerId !== reportingCustomerId;
  if (!policy?.exists || foreign) {
    throw new DomainRuleViolation('policy-unknown', `There is no policy ${policyNumber}`, { policyNumber });
  }
  return policy;
}

function refuseAccidentTime(occurredAt: Date, now: Date): void {
  if (occurredAt.getTime() > now.getTime()) {
    throw new DomainRuleViolation('accident-in-the-future', 'The accident time is in the future', { accidentAt: occurredAt.toISOString() });
  }
}

function refuseUninsuredPerson(policy: Policy, personId: string): void {
  if (!policy.insures(personId)) {
    throw new DomainRuleViolation('insured-person-not-on-policy', `Policy ${policy.snapshot.policyNumber} does not insure person ${personId}`, {
      insuredPersonIds: policy.insuredPersons.map((p) => p.personId),
    });
  }
}

function refuseEstimate(estimate: Money, policy: PolicySnapshot): void {
  if (!Number.isSafeInteger(estimate.amountMinor) || estimate.amountMinor <= 0) {
    throw new DomainRuleViolation('estimated-loss-invalid', 'The estimated loss must be a positive whole number of minor units');
  }
  if (estimate.currency !== policy.sumInsured.currency) {
    throw new DomainRuleViolation('currency-mismatch', `The policy is in ${policy.sumInsured.currency}; give the estimate in that currency`, {
      policyCurrency: policy.sumInsured.currency,
    });
  }
}

function reportedData(claimId: string, report: ClaimReport, circumstances: ReportCircumstances, policy: Policy): ClaimReportedData {
  return {
    claimId,
    claimNumber: circumstances.claimNumber,
    customerId: policy.holderCustomerId,
    channel: report.channel,
    consultationId: report.consultationId ?? null,
    agentId: circumstances.agentId,
    policy: policy.snapshot,
    insuredPersonId: report.insuredPersonId,
    accident: { occurredAt: report.accident.occurredAt.toISOString(), cause: report.accident.cause, lossKind: report.accident.lossKind },
    estimatedLoss: { amountMinor: report.estimatedLoss.amountMinor, currency: report.estimatedLoss.currency },
    feedbackChannel: report.feedbackChannel,
    reportedAt: circumstances.now.toISOString(),
  };
}
