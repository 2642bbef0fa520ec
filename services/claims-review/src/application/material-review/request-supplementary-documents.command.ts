import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '@claims/service-host';
import { requestSupplementaryDocuments } from '../../domain/review-case/material-review';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

export interface RequestedDocument {
  readonly documentKind: string;
  readonly reason: string;
}

/** The handler asks the customer for documents (a new round); the step's clock pauses meanwhile. */
export class RequestSupplementaryDocuments extends Command<CaseChanged> {
  constructor(
    readonly input: { readonly claimId: string; readonly items: readonly RequestedDocument[] },
    readonly caller: Caller,
  ) {
    super();
  }
}

@CommandHandler(RequestSupplementaryDocuments)
export class RequestSupplementaryDocumentsHandler implements ICommandHandler<RequestSupplementaryDocuments> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: RequestSupplementaryDocuments) {
    const { actor } = caller.context;
    const changed = await this.decisions.take(input.claimId, caller.context, (state, now, terms) =>
      requestSupplementaryDocuments(state, { actor, now, items: input.items }, terms.timetable),
    );
    return caseChanged(changed);
  }
}
