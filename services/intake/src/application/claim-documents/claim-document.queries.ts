import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { GoneRefusal, NotFoundRefusal } from '@claims/event-sourcing';
import { Principal } from '@claims/service-host';
import { readClaimFor } from '../case-access';
import { CLAIM_APPLICATIONS, ClaimApplications } from '../ports';
import { DocumentView, documentView } from '../claim-tracking/claim-application.view';
import { DocumentContents } from './document-contents';

/** One uploaded document of a claim, with the claim's revision (for If-Match). */
export type ClaimDocumentView = DocumentView & { readonly claimId: string; readonly revision: number };

/** An uploaded document as the upload answered it: kind, content hash, type, size, round. */
export class GetClaimDocument extends Query<ClaimDocumentView> {
  constructor(
    readonly claimId: string,
    readonly documentId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** The bytes of one uploaded document, for staff and the claim's own customer. */
export class GetDocumentContent extends Query<DocumentDownload> {
  constructor(
    readonly claimId: string,
    readonly documentId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

export interface DocumentDownload {
  readonly bytes: Buffer;
  readonly mediaType: string;
  /** A file name to save it under: `<kind>-<documentId>.<extension>` (uploads keep no file name). */
  readonly fileName: string;
}

/** The customer's personal data was erased on request: their documents can no longer be read (410 `Document erased`). */
export class DocumentErased extends GoneRefusal {
  constructor() {
    super(
      'The customer’s personal data was erased on request; the document can no longer be read',
      'Document erased',
    );
  }
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/heic': 'heic',
  'image/webp': 'webp',
};

@QueryHandler(GetClaimDocument)
export class GetClaimDocumentHandler implements IQueryHandler<GetClaimDocument> {
  constructor(@Inject(CLAIM_APPLICATIONS) private readonly claims: ClaimApplications) {}

  async execute({ claimId, documentId, principal }: GetClaimDocument): Promise<ClaimDocumentView> {
    const { state, revision } = await readClaimFor(this.claims, { claimId }, principal);
    const document = state.documents.find((d) => d.documentId === documentId);
    if (!document) throw new NotFoundRefusal(`Claim ${claimId} has no document ${documentId}`);
    return { claimId, ...documentView(document), revision };
  }
}

@QueryHandler(GetDocumentContent)
export class GetDocumentContentHandler implements IQueryHandler<GetDocumentContent> {
  constructor(
    @Inject(CLAIM_APPLICATIONS) private readonly claims: ClaimApplications,
    private readonly contents: DocumentContents,
  ) {}

  /** 404 for another customer's claim or an unknown document; 410 once the customer was forgotten. */
  async execute({ claimId, documentId, principal }: GetDocumentContent): Promise<DocumentDownload> {
    const { state } = await readClaimFor(this.claims, { claimId }, principal);
    const document = state.documents.find((d) => d.documentId === documentId);
    if (!document) throw new NotFoundRefusal(`Claim ${claimId} has no document ${documentId}`);
    const content = await this.contents.read(state.facts.customerId, document);
    if (content.erased) throw new DocumentErased();
    const extension = EXTENSIONS[document.mediaType] ?? 'bin';
    return {
      bytes: content.bytes,
      mediaType: document.mediaType,
      fileName: `${document.kind}-${documentId}.${extension}`,
    };
  }
}
