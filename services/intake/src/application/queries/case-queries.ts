import { HttpStatus, Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateNotFoundError, AggregateRepository } from '@claims/event-sourcing';
import { Principal, ProblemException, mayAccessCaseOf } from '@claims/service-host';
import { ClaimApplication } from '../../domain/claim/claim-application';
import { DocumentChecklists } from '../../domain/claim/document-checklist';
import { Consultation } from '../../domain/consultation/consultation';
import { Policy } from '../../domain/policy/policy';
import { CLAIMS, CONSULTATIONS, POLICIES } from '../../infrastructure/repositories/intake-repositories';
import { loadCaseFor } from '../case-access';
import { DocumentContents } from '../document-contents';

/** One consultation, replayed from its history (personal fields revealed from the events). */
export class GetConsultation {
  constructor(readonly consultationId: string, readonly principal: Principal) {}
}

/** One claim application with its current checklist, replayed from its history. */
export class GetClaimApplication {
  constructor(readonly claimId: string, readonly principal: Principal) {}
}

/** The bytes of one uploaded document, for staff and the claim's own customer. */
export class GetDocumentContent {
  constructor(readonly claimId: string, readonly documentId: string, readonly principal: Principal) {}
}

export interface DocumentDownload {
  readonly bytes: Buffer;
  readonly mediaType: string;
  /** A file name to save it under: `<kind>-<documentId>.<extension>` (uploads keep no file name). */
  readonly fileName: string;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/heic': 'heic',
  'image/webp': 'webp',
};

export class GetPolicy {
  constructor(readonly policyNumber: string, readonly principal: Principal) {}
}

@QueryHandler(GetConsultation)
export class GetConsultationHandler implements IQueryHandler<GetConsultation> {
  constructor(@Inject(CONSULTATIONS) private readonly consultations: AggregateRepository<Consultation>) {}

  async execute({ consultationId, principal }: GetConsultation) {
    return (await loadCaseFor(this.consultations, consultationId, principal)).view();
  }
}

@QueryHandler(GetClaimApplication)
export class GetClaimApplicationHandler implements IQueryHandler<GetClaimApplication> {
  constructor(
    @Inject(CLAIMS) private readonly claims: AggregateRepository<ClaimApplication>,
    private readonly checklists: DocumentChecklists,
  ) {}

  async execute({ claimId, principal }: GetClaimApplication) {
    return (await loadCaseFor(this.claims, claimId, principal)).view(this.checklists);
  }
}

@QueryHandler(GetDocumentContent)
export class GetDocumentContentHandler implements IQueryHandler<GetDocumentContent, DocumentDownload> {
  constructor(
    @Inject(CLAIMS) private readonly claims: AggregateRepository<ClaimApplication>,
    private readonly contents: DocumentContents,
  ) {}

  /** 404 for another customer's claim or an unknown document; 410 once the customer was forgotten. */
  async execute({ claimId, documentId, principal }: GetDocumentContent): Promise<DocumentDownload> {
    const claim = await loadCaseFor(this.claims, claimId, principal);
    const document = claim.document(documentId);
    if (!document) throw new ProblemException(HttpStatus.NOT_FOUND, 'Not Found', `Claim ${claimId} has no document ${documentId}`);
    const content = await this.contents.read(claim.customerId, document);
    if (content.erased) {
      throw new ProblemException(HttpStatus.GONE, 'Document erased', 'The customer’s personal data was erased on request; the document can no longer be read');
    }
    const extension = EXTENSIONS[document.mediaType] ?? 'bin';
    return { bytes: content.bytes, mediaType: document.mediaType, fileName: `${document.kind}-${documentId}.${extension}` };
  }
}

@QueryHandler(GetPolicy)
export class GetPolicyHandler implements IQueryHandler<GetPolicy> {
  constructor(@Inject(POLICIES) private readonly policies: AggregateRepository<Policy>) {}

  async execute({ policyNumber, principal }: GetPolicy) {
    const policy = await this.policies.find(policyNumber);
    if (!policy?.exists || !mayAccessCaseOf(principal, policy.holderCustomerId)) throw new AggregateNotFoundError(this.policies.streamId(policyNumber));
    return { ...policy.snapshot, version: policy.version, holder: policy.holder, insuredPersons: policy.insuredPersons };
  }
}

export const caseQueryHandlers = [GetConsultationHandler, GetClaimApplicationHandler, GetDocumentContentHandler, GetPolicyHandler];
