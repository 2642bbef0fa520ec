import { DeciderRepository, EventStore, PersonalDataVault } from '@claims/event-sourcing';
import { ReviewCaseHistories } from '../application/ports';
import { reviewCaseDecider } from '../domain/review-case/review-case.decider';

/** Streams are `claim-review-<claim id>`: the id part is the claim's id in every context. */
export const REVIEW_CASE_STREAM_PREFIX = 'claim-review';

/** The review cases' histories in the service's event store, claimant details sealed by the platform's vault. */
export function reviewCaseHistories(store: EventStore, vault: PersonalDataVault): ReviewCaseHistories {
  return new DeciderRepository({
    store,
    streamPrefix: REVIEW_CASE_STREAM_PREFIX,
    decider: reviewCaseDecider,
    vault,
  });
}
