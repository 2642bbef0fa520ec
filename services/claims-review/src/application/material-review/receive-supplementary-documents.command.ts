import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandCaller } from '@claims/service-host';
import { SubmittedDocument } from '../../domain/claim-facts';
import { receiveSupplementaryDocuments } from '../../domain/review-case/material-review';
import { CaseChanged, ReviewCaseDecisions, caseChanged } from '../review-case-decisions';

/**
 * Intake's SupplementaryDocumentsProvided: the documents of a round arrived, the case is back in
 * review. Given inside the intake consumer's read-model transaction: it does not wait for them.
 */
export class ReceiveSupplementaryDocuments extends Command<CaseChanged> {
  constructor(
    readonly input: {
      readonly claimId: string;
      readonly round: number;
      readonly documents: readonly SubmittedDocument[];
    },
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

@CommandHandler(ReceiveSupplementaryDocuments)
export class ReceiveSupplementaryDocumentsHandler implements ICommandHandler<ReceiveSupplementaryDocuments> {
  constructor(private readonly decisions: ReviewCaseDecisions) {}

  async execute({ input, caller }: ReceiveSupplementaryDocuments) {
    const { claimId, round, documents } = input;
    const changed = await this.decisions.take(
      claimId,
      caller.context,
      (state, now, terms) => receiveSupplementaryDocuments(state, { round, documents, now }, terms.timetable),
      { readYourWrites: false },
    );
    return caseChanged(changed);
  }
}
