import { EventEnvelope } from '@claims/event-sourcing';
import { IntegrationEvent, PublicEvent, integrationEventFrom, topicOf } from '@claims/messaging';
import { ComplaintEventType, ComplaintEvents } from '../domain/complaint/complaint.events';
import { COMPLAINT_STREAM_PREFIX } from './complaint-histories';

/** How one stored event type is published: from which stored version, as which public version and data. */
interface Publication<T extends ComplaintEventType> {
  readonly stored: number;
  readonly version: number;
  readonly data: (stored: ComplaintEvents[T]) => object;
}

type PublishedLanguage = { readonly [T in ComplaintEventType]?: Publication<T> };

const asStored = <T extends ComplaintEventType>(): Publication<T> => ({
  stored: 1,
  version: 1,
  data: (stored) => stored,
});

/**
 * The complaint service's integration contract (docs/event-catalogue.md, "complaint's published
 * language"): notification tells the customer, analytics measures, intake takes back what is not
 * a complaint, claims review re-examines a claim. Never published: the complainant's identity and
 * words (sealed personal data), internal notes (contacts, evidence, investigation), risk notes,
 * the proposal before adoption, malicious flags, staff comments, the customer's free-text reasons.
 */
export const PUBLISHED_LANGUAGE: PublishedLanguage = {
  ComplaintReceived: {
    stored: 1,
    version: 1,
    data: ({
      complaintId,
      complaintNumber,
      channel,
      customerId,
      relatedClaimNumbers,
      policyNumber,
      category,
      receivedAt,
    }) => ({
      complaintId,
      complaintNumber,
      channel,
      customerId,
      relatedClaimNumbers,
      policyNumber,
      category,
      receivedAt,
    }),
  },
  ComplaintAccepted: {
    stored: 1,
    version: 1,
    data: ({ complaintId, complaintNumber, priority, major, acceptedAt }) => ({
      complaintId,
      complaintNumber,
      priority,
      major,
      acceptedAt,
    }),
  },
  ComplaintDeclined: {
    stored: 1,
    version: 1,
    data: ({ complaintId, complaintNumber, reason, duplicateOf, declinedAt }) => ({
      complaintId,
      complaintNumber,
      reason,
      duplicateOf,
      declinedAt,
    }),
  },
  ComplaintReferredAsConsultation: asStored(),
  HandlerAssigned: {
    stored: 1,
    version: 1,
    data: ({ complaintId, handlerId, round, assignedAt }) => ({ complaintId, handlerId, round, assignedAt }),
  },
  ResolutionCommunicated: asStored(),
  ClaimReexaminationRequested: asStored(),
  CustomerSatisfactionRecorded: {
    stored: 1,
    version: 1,
    data: ({ complaintId, round, recordedAt }) => ({ complaintId, round, recordedAt }),
  },
  CustomerDissatisfactionRecorded: {
    stored: 1,
    version: 1,
    data: ({ complaintId, round, next, recordedAt }) => ({ complaintId, round, next, recordedAt }),
  },
  ComplaintWithdrawn: {
    stored: 1,
    version: 1,
    data: ({ complaintId, withdrawnAt }) => ({ complaintId, withdrawnAt }),
  },
  ComplaintClosed: asStored(),
  ComplaintArchived: {
    stored: 1,
    version: 1,
    data: ({ complaintId, archivedAt }) => ({ complaintId, archivedAt }),
  },
  ClockStarted: asStored(),
  ClockAtRisk: asStored(),
  ClockBreached: asStored(),
  ClockFulfilled: asStored(),
  ClockStopped: asStored(),
  RegulatoryLimitExtended: asStored(),
};

export const PUBLIC_EVENT_TYPES = Object.keys(PUBLISHED_LANGUAGE) as ComplaintEventType[];

export function dataSchemaOf(type: string, version: number): string {
  return `https://claims-platform.example/schemas/complaint/${type}/v${version}`;
}

/** Publishes the contract's events on `claims-platform.complaint` with subject = complaint id. */
export function complaintPublicEvent(envelope: EventEnvelope): PublicEvent | null {
  if (!envelope.streamId.startsWith(`${COMPLAINT_STREAM_PREFIX}-`)) return null;
  const publication = publicationOf(envelope.type);
  if (!publication) return null;
  if (envelope.schemaVersion !== publication.stored) {
    throw new Error(
      `${envelope.type} v${envelope.schemaVersion} has no public mapping (it reads v${publication.stored})`,
    );
  }
  const data = publication.data(envelope.data as never);
  const complaintId = envelope.streamId.slice(COMPLAINT_STREAM_PREFIX.length + 1);
  const published = { ...envelope, data, schemaVersion: publication.version };
  const event: IntegrationEvent & { readonly dataschema: string } = {
    ...integrationEventFrom(published, 'complaint', complaintId),
    dataschema: dataSchemaOf(envelope.type, publication.version),
  };
  return { topic: topicOf('complaint'), event };
}

function publicationOf(type: string): Publication<ComplaintEventType> | undefined {
  const found = Object.entries(PUBLISHED_LANGUAGE).find(([listed]) => listed === type);
  return found?.[1] as Publication<ComplaintEventType> | undefined;
}
