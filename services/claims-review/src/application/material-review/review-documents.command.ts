import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { reviewDocuments } from '../../domain/review-case/material-review';
import { DocumentFinding } from '../../domain/review-case/review-case.events';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/** Material review: the handler's findings per document (authentic, complete, compliant). */
export class ReviewDocuments extends Command<CaseChanged> {
  constructor(
    readonly input: { readonly claimId: string; readonly findings: readonly DocumentFinding[] },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(ReviewDocuments)
export class ReviewDocumentsHandler implements ICommandHandler<ReviewDocuments> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: ReviewDocuments) {
    const { actor } = caller.context;
    const changed = await this.decisions.take(input.claimId, caller.context, (state, now) =>
      reviewDocuments(state, { actor, now, findings: input.findings }),
    );
    return caseChanged(changed);
  }
}
