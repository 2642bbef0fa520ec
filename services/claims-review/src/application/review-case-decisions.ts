import { Inject, Injectable } from '@nestjs/common';
import { CommandContext, NotFoundRefusal } from '@claims/event-sourcing';
import { ReadModelProgress } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { ReviewCaseEvent } from '../domain/review-case/review-case.events';
import { ReviewTerms } from '../domain/review-case/review-case.guards';
import { OpenedCase } from '../domain/review-case/review-case.state';
import { REVIEW_CASES, REVIEW_CASE_READ_MODELS, REVIEW_TERMS, ReviewCaseHistories } from './ports';

/** What a staff command answers: the case it changed and its stream revision after the change. */
export interface CaseChanged {
  readonly claimId: string;
  readonly revision: number | null;
}

/** What a command on a review case did, events included (for commands that report on them). */
export interface ReviewCaseChanged extends CaseChanged {
  readonly events: readonly ReviewCaseEvent[];
}

export const caseChanged = ({ claimId, revision }: ReviewCaseChanged): CaseChanged => ({ claimId, revision });

export type DecideOnCase = (
  state: OpenedCase,
  now: Date,
  terms: ReviewTerms,
) => readonly ReviewCaseEvent[] | Promise<readonly ReviewCaseEvent[]>;

/**
 * The shape of every command on an existing case: read its state (404 when there is none),
 * decide at the clock's time (the decision may first ask a read model, hence async), append
 * expecting the revision read (a concurrent change answers 409), then wait until the read
 * models show the change, unless the command runs inside a read-model transaction (consumers).
 */
@Injectable()
export class ReviewCaseDecisions {
  constructor(
    @Inject(REVIEW_CASES) private readonly cases: ReviewCaseHistories,
    @Inject(REVIEW_CASE_READ_MODELS) private readonly readModels: ReadModelProgress,
    @Inject(REVIEW_TERMS) private readonly terms: ReviewTerms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async take(
    claimId: string,
    context: CommandContext,
    decide: DecideOnCase,
    options: { readonly readYourWrites?: boolean } = {},
  ): Promise<ReviewCaseChanged> {
    const { state, revision } = await this.cases.read(claimId);
    if (state.status === 'none') throw new NotFoundRefusal(`No review case for claim ${claimId}`);
    const events = await decide(state, this.clock.now(), this.terms);
    const appended = await this.cases.append(claimId, events, revision, context);
    if (options.readYourWrites !== false) await this.readModels.showing(appended);
    return { claimId, events, revision: appended ? appended.nextExpectedRevision : revision };
  }
}
