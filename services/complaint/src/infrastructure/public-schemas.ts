import { CLOCKS, COMPLAINT_CHANNELS } from '../domain/complaint-rules';
import {
  COMPLAINT_OUTCOMES,
  ComplaintEventType,
  DECLINE_REASONS,
  REMEDY_KINDS,
} from '../domain/complaint/complaint.events';
import { dataSchemaOf } from './public-events';

/**
 * The JSON Schemas (draft-07) of the complaint's published language, one per public event, as
 * docs/event-catalogue.md shows them (`public-events.spec.ts` keeps the two equal and validates
 * what reaches the topic against them). Strict: no field beyond those listed.
 */
type Schema = Record<string, unknown>;

const text = (maxLength = 100): Schema => ({ type: 'string', minLength: 1, maxLength });
const uuid: Schema = { type: 'string', format: 'uuid' };
const instant: Schema = { type: 'string', format: 'date-time' };
const date: Schema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const count: Schema = { type: 'integer', minimum: 0 };
const oneOf = (values: readonly unknown[]): Schema => ({ enum: [...values] });
const orNull = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
const complaintNumber: Schema = { type: 'string', pattern: '^CMP-\\d{4}-\\d{6}$' };
const claimNumber: Schema = { type: 'string', pattern: '^CLM-\\d{4}-\\d{6}$' };
const money: Schema = object({
  amountMinor: { type: 'integer', minimum: 0 },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
});

function object(properties: Record<string, Schema>): Schema {
  return { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
}

/** The same schema with `field` no longer required. */
function optional(schema: Schema, field: string): Schema {
  return { ...schema, required: (schema.required as string[]).filter((name) => name !== field) };
}

/**
 * Personal fields sealed (AES-256-GCM) under the subject's key, as the platform's vault seals
 * them: only the field names (of `fields`) are readable.
 */
function sealed(fields: readonly string[]): Schema {
  return object({
    subjectId: text(),
    alg: { const: 'A256GCM' },
    kid: { type: 'string' },
    iv: { type: 'string' },
    tag: { type: 'string' },
    ciphertext: { type: 'string' },
    fieldNames: { type: 'array', items: oneOf(fields) },
  });
}

const clockEvent = (extra: Record<string, Schema>) =>
  object({ complaintId: uuid, clock: oneOf(CLOCKS), ...extra });

const DATA: { readonly [T in ComplaintEventType]?: Schema } = {
  ComplaintReceived: object({
    complaintId: uuid,
    complaintNumber,
    channel: oneOf(COMPLAINT_CHANNELS),
    customerId: orNull(text()),
    relatedClaimNumbers: { type: 'array', items: claimNumber, maxItems: 20 },
    policyNumber: orNull(text()),
    category: text(60),
    receivedAt: instant,
  }),
  ComplaintAccepted: object({
    complaintId: uuid,
    complaintNumber,
    priority: oneOf(['urgent', 'high', 'normal']),
    major: { type: 'boolean' },
    acceptedAt: instant,
  }),
  ComplaintDeclined: object({
    complaintId: uuid,
    complaintNumber,
    reason: oneOf(DECLINE_REASONS),
    duplicateOf: orNull(complaintNumber),
    declinedAt: instant,
  }),
  ComplaintReferredAsConsultation: optional(
    object({
      complaintId: uuid,
      complaintNumber,
      customerId: orNull(text()),
      channel: oneOf(COMPLAINT_CHANNELS),
      category: text(60),
      referredAt: instant,
      personalData: sealed(['name', 'phone', 'email', 'description', 'request']),
    }),
    'personalData',
  ),
  HandlerAssigned: object({ complaintId: uuid, handlerId: text(), round: count, assignedAt: instant }),
  ResolutionCommunicated: object({
    complaintId: uuid,
    complaintNumber,
    customerId: orNull(text()),
    round: count,
    outcome: oneOf(COMPLAINT_OUTCOMES),
    summary: text(5000),
    nextSteps: text(2000),
    remedies: {
      type: 'array',
      items: object({ kind: oneOf(REMEDY_KINDS), description: text(1000), amount: orNull(money) }),
    },
    externalRemedies: { type: 'array', items: text(60) },
    channel: text(40),
    communicatedBy: text(),
    communicatedAt: instant,
  }),
  ClaimReexaminationRequested: object({
    complaintId: uuid,
    complaintNumber,
    claimNumber,
    reason: text(6000),
    requestedAt: instant,
  }),
  CustomerSatisfactionRecorded: object({ complaintId: uuid, round: count, recordedAt: instant }),
  CustomerDissatisfactionRecorded: object({
    complaintId: uuid,
    round: count,
    next: oneOf(['re-evaluation', 'escalated-to-manager', 'internal-handling-exhausted']),
    recordedAt: instant,
  }),
  ComplaintWithdrawn: object({ complaintId: uuid, withdrawnAt: instant }),
  ComplaintClosed: object({
    complaintId: uuid,
    complaintNumber,
    outcome: oneOf([...COMPLAINT_OUTCOMES, 'flagged-malicious']),
    customerSatisfied: orNull({ type: 'boolean' }),
    category: text(60),
    rootCause: text(60),
    rootCauseDetail: text(2000),
    correctiveAction: object({ description: text(2000), ownerId: text(), dueDate: date }),
    closedBy: text(),
    closedAt: instant,
  }),
  ComplaintArchived: object({ complaintId: uuid, archivedAt: instant }),
  ClockStarted: clockEvent({
    limit: object({ kind: oneOf(['hours', 'working-days', 'calendar-days']), count }),
    startedAt: instant,
    dueAt: instant,
  }),
  ClockAtRisk: clockEvent({ dueAt: instant, detectedAt: instant }),
  ClockBreached: clockEvent({ dueAt: instant, detectedAt: instant }),
  ClockFulfilled: clockEvent({ dueAt: instant, fulfilledAt: instant, withinLimit: { type: 'boolean' } }),
  ClockStopped: clockEvent({ reason: text(60), stoppedAt: instant }),
  RegulatoryLimitExtended: object({
    complaintId: uuid,
    complaintNumber,
    customerId: orNull(text()),
    extension: { type: 'integer', minimum: 1 },
    totalDays: { type: 'integer', minimum: 1 },
    reason: text(2000),
    grantedBy: text(),
    grantedAs: oneOf(['handler', 'manager']),
    customerToldVia: text(40),
    dueAt: instant,
    extendedAt: instant,
  }),
};

/** Each public event's schema, with its `$id` (the CloudEvent's `dataschema`) and title. */
export const PUBLIC_SCHEMAS: readonly Schema[] = Object.entries(DATA).map(([type, schema]) => ({
  $id: dataSchemaOf(type, 1),
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: `${type} v1`,
  ...schema,
}));
