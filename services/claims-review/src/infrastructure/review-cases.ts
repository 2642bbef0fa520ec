import { Inject, Injectable } from '@nestjs/common';
import {
  AggregateRepository,
  CommandContext,
  EventStore,
  PersonalDataVault,
  RevealedEnvelope,
  revealPersonalData,
} from '@claims/event-sourcing';
import { EVENT_STORE, PERSONAL_DATA_VAULT, ReadModelProjection } from '@claims/service-host';
import { ReviewCase, ReviewCaseDependencies } from '../domain/review-case';

export const REVIEW_CASE_DEPENDENCIES = Symbol('REVIEW_CASE_DEPENDENCIES');
export const REVIEW_CASE_PROJECTION = Symbol('REVIEW_CASE_PROJECTION');

/** Streams are `claim-review-<claim id>`: the id part is the claim's id in every context. */
export const REVIEW_CASE_STREAM_PREFIX = 'claim-review';

/** The review cases' history: load, save (then read your writes), and replay as of a moment. */
@Injectable()
export class ReviewCases {
  private readonly repository: AggregateRepository<ReviewCase>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(REVIEW_CASE_DEPENDENCIES) private readonly deps: ReviewCaseDependencies,
    @Inject(REVIEW_CASE_PROJECTION) private readonly projection: ReadModelProjection,
  ) {
    this.repository = new AggregateRepository(store, REVIEW_CASE_STREAM_PREFIX, (id) => new ReviewCase(id, deps), undefined, undefined, vault);
  }

  /** A case with no history yet, to be opened. */
  create(claimId: string): ReviewCase {
    return new ReviewCase(claimId, this.deps);
  }

  load(claimId: string): Promise<ReviewCase> {
    return this.repository.load(claimId);
  }

  find(claimId: string): Promise<ReviewCase | null> {
    return this.repository.find(claimId);
  }

  /**
   * Saves the case's new events. Unless told not to (inside a read-model transaction, where
   * waiting would block the projection), waits until the read models show them.
   */
  async save(reviewCase: ReviewCase, context: CommandContext, options: { waitForReadModels?: boolean } = {}): Promise<void> {
    const saved = await this.repository.save(reviewCase, context);
    if (saved && options.waitForReadModels !== false) await this.projection.waitFor(saved.lastGlobalPosition);
  }

  /** Loads, lets the case decide, saves: the shape of every staff command. */
  async change(claimId: string, context: CommandContext, decide: (reviewCase: ReviewCase) => void): Promise<ReviewCase> {
    const reviewCase = await this.load(claimId);
    decide(reviewCase);
    await this.save(reviewCase, context);
    return reviewCase;
  }

  /** The stored history with personal data revealed (or erased). */
  async history(claimId: string): Promise<RevealedEnvelope[]> {
    const stored = await this.store.readStream(this.repository.streamId(claimId));
    const revealed: RevealedEnvelope[] = [];
    for (const event of stored) revealed.push(await revealPersonalData(event, this.vault));
    return revealed;
  }

  /**
   * The case as it stood after the events that happened up to `at` (their occurredAt, the domain
   * clock's time, not when they were stored), or up to a stream revision.
   */
  async asOf(claimId: string, cut: { at?: Date; revision?: number }): Promise<ReviewCase | null> {
    const history = (await this.history(claimId)).filter(
      (e) => (cut.at === undefined || Date.parse(e.occurredAt) <= cut.at.getTime()) && (cut.revision === undefined || e.streamRevision <= cut.revision),
    );
    if (history.length === 0) return null;
    const reviewCase = new ReviewCase(claimId, this.deps);
    reviewCase.replay(history);
    return reviewCase;
  }
}
