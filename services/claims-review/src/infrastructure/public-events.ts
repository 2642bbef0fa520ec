import { EventEnvelope } from '@claims/event-sourcing';
import { IntegrationEvent, PublicEvent, integrationEventFrom, topicOf } from '@claims/messaging';
import { ReviewCaseEventType, ReviewCaseEvents } from '../domain/review-case/review-case.events';
import { REVIEW_CASE_STREAM_PREFIX } from './review-case-histories';

/** How one stored event type is published: from which stored version, as which public version and data. */
interface Publication<T extends ReviewCaseEventType> {
  /** The stored schema version this mapping reads (a new stored version needs its mapping first). */
  readonly stored: number;
  /** The version of the published data (its JSON Schema in docs/event-catalogue.md). */
  readonly version: number;
  /** The published data: the stored data, or only what other contexts may see of it. */
  readonly data: (stored: ReviewCaseEvents[T]) => object;
}

type PublishedLanguage = { readonly [T in ReviewCaseEventType]?: Publication<T> };

/** Published as stored: stored v1 is public v1 (a stored v2 needs its own mapping, and maybe a public v2). */
const asStored = <T extends ReviewCaseEventType>(): Publication<T> => ({
  stored: 1,
  version: 1,
  data: (stored) => stored,
});

/**
 * claims-review's integration contract (docs/event-catalogue.md, "claims-review's published
 * language"): only these facts leave the context, each as a versioned public shape. Every other
 * stored event (step timers, clock pauses, the fast-track verdict, document findings, suspicions,
 * the investigation's findings, the proposal, the case's opening with its personal data) stays
 * inside. A stored event in a version its mapping does not read is not guessed at: the relay stops
 * on it until the mapping is written.
 */
export const PUBLISHED_LANGUAGE: PublishedLanguage = {
  // the customer's journey (intake's status view, notification's notices, analytics)
  ClaimAccepted: asStored(),
  SupplementaryDocumentsRequested: asStored(),
  ClaimApproved: asStored(),
  ClaimDenied: asStored(),
  PaymentInstructed: asStored(),
  PaymentConfirmed: asStored(),
  ClaimClosed: asStored(),
  // published as v1 always was: the stored `complaint` reference is named in the reason
  ClaimReopened: {
    stored: 1,
    version: 1,
    data: ({ claimId, claimNumber, reason, reopenedBy, reopenedAt }) => ({
      claimId,
      claimNumber,
      reason,
      reopenedBy,
      reopenedAt,
    }),
  },
  // who had a hand in the claim (complaint's recusal), without the staff's free text
  HandlerAssigned: {
    stored: 1,
    version: 1,
    data: ({ claimId, handlerId, assignedAt }) => ({ claimId, handlerId, assignedAt }),
  },
  HandlerReassigned: {
    stored: 1,
    version: 1,
    data: ({ claimId, fromHandlerId, toHandlerId, reassignedAt }) => ({
      claimId,
      fromHandlerId,
      toHandlerId,
      reassignedAt,
    }),
  },
  InvestigationOpened: {
    stored: 1,
    version: 1,
    data: ({ claimId, investigatorId, mode, openedAt }) => ({ claimId, investigatorId, mode, openedAt }),
  },
  DecisionReferredForApproval: asStored(),
  DecisionSentBack: {
    stored: 1,
    version: 1,
    data: ({ claimId, sentBackBy, level, sentBackAt }) => ({ claimId, sentBackBy, level, sentBackAt }),
  },
  // time limits at risk or breached (notification warns staff; analytics measures compliance)
  TimeLimitAtRisk: asStored(),
  TimeLimitExceeded: asStored(),
};

/** The public event types, in the order of the catalogue. */
export const PUBLIC_EVENT_TYPES = Object.keys(PUBLISHED_LANGUAGE) as ReviewCaseEventType[];

/** Where the JSON Schema of a public event's data is named (its `$id` in docs/event-catalogue.md). */
export function dataSchemaOf(type: string, version: number): string {
  return `https://claims-platform.example/schemas/claims-review/${type}/v${version}`;
}

/**
 * Publishes the contract's events on `claims-platform.claims-review` with subject = claim id,
 * `schemaversion` and `dataschema` naming the public shape; everything else stays private.
 */
export function claimsReviewPublicEvent(envelope: EventEnvelope): PublicEvent | null {
  if (!envelope.streamId.startsWith(`${REVIEW_CASE_STREAM_PREFIX}-`)) return null;
  const publication = publicationOf(envelope.type);
  if (!publication) return null;
  if (envelope.schemaVersion !== publication.stored) {
    throw new Error(
      `${envelope.type} v${envelope.schemaVersion} has no public mapping (it reads v${publication.stored})`,
    );
  }
  const data = publication.data(envelope.data as never);
  const claimId = envelope.streamId.slice(REVIEW_CASE_STREAM_PREFIX.length + 1);
  const published = { ...envelope, data, schemaVersion: publication.version };
  const event: IntegrationEvent & { readonly dataschema: string } = {
    ...integrationEventFrom(published, 'claims-review', claimId),
    dataschema: dataSchemaOf(envelope.type, publication.version),
  };
  return { topic: topicOf('claims-review'), event };
}

function publicationOf(type: string): Publication<ReviewCaseEventType> | undefined {
  const found = Object.entries(PUBLISHED_LANGUAGE).find(([listed]) => listed === type);
  return found?.[1] as Publication<ReviewCaseEventType> | undefined;
}
