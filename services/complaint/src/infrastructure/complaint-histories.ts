import { DeciderRepository, EventStore, PersonalDataVault } from '@claims/event-sourcing';
import { ComplaintHistories, ComplaintNumberHistories } from '../application/ports';
import { complaintNumbersDecider } from '../domain/complaint-numbers/complaint-numbers';
import { complaintDecider } from '../domain/complaint/complaint.decider';

/** Streams are `complaint-<complaint id>`. */
export const COMPLAINT_STREAM_PREFIX = 'complaint';
/** Streams are `complaint-numbers-<year>` (no complaint id is `numbers-…`: ids are UUIDs). */
export const COMPLAINT_NUMBERS_STREAM_PREFIX = 'complaint-numbers';

/** The complaints' histories in the service's event store, the complainant sealed by the platform's vault. */
export function complaintHistories(store: EventStore, vault: PersonalDataVault): ComplaintHistories {
  return new DeciderRepository({
    store,
    streamPrefix: COMPLAINT_STREAM_PREFIX,
    decider: complaintDecider,
    vault,
  });
}

export function complaintNumberHistories(store: EventStore): ComplaintNumberHistories {
  return new DeciderRepository({
    store,
    streamPrefix: COMPLAINT_NUMBERS_STREAM_PREFIX,
    decider: complaintNumbersDecider,
  });
}
