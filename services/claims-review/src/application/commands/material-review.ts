import { Injectable } from '@nestjs/common';
import { CommandContext } from '@claims/event-sourcing';
import { SubmittedDocument } from '../../domain/claim-facts';
import { DocumentFinding } from '../../domain/claim-review-events';
import { ReviewCase } from '../../domain/review-case';
import { ReviewCases } from '../../infrastructure/review-cases';

/** Material review: findings per document, and supplementary-document rounds with the customer. */
@Injectable()
export class MaterialReview {
  constructor(private readonly cases: ReviewCases) {}

  recordFindings(command: { claimId: string; findings: DocumentFinding[]; context: CommandContext }): Promise<ReviewCase> {
    return this.cases.change(command.claimId, command.context, (c) => c.recordDocumentReview(command.context.actor, command.findings));
  }

  requestDocuments(command: { claimId: string; items: { documentKind: string; reason: string }[]; context: CommandContext }): Promise<ReviewCase> {
    return this.cases.change(command.claimId, command.context, (c) => c.requestSupplementaryDocuments(command.context.actor, command.items));
  }

  /** From intake's SupplementaryDocumentsProvided; runs inside the consumer's transaction. */
  async receiveDocuments(command: { claimId: string; round: number; documents: SubmittedDocument[]; context: CommandContext }): Promise<void> {
    const reviewCase = await this.cases.load(command.claimId);
    reviewCase.receiveSupplementaryDocuments(command.round, command.documents);
    await this.cases.save(reviewCase, command.context, { waitForReadModels: false });
  }
}
