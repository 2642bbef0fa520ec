import { MessageRule, NotificationRule } from '../domain/notification-rules';

const toCustomer = (template: string, mandatory: boolean, urgent = false): MessageRule => ({
  to: 'customer',
  channel: 'preferred',
  template,
  mandatory,
  urgent,
});
const toStaff = (to: 'handler' | 'manager', template: string, urgent = false): MessageRule => ({
  to,
  channel: 'email',
  template,
  mandatory: true,
  urgent,
});

const claim = { kind: 'claim', idField: 'claimId' } as const;
const complaint = { kind: 'complaint', idField: 'complaintId' } as const;

/**
 * Which published event tells whom what (issue 13). Decisions, payments and complaint deadlines
 * are mandatory notices; receipts and closures may be opted out of. Staff hear of time limits.
 */
export const DEFAULT_NOTIFICATION_RULES: readonly NotificationRule[] = [
  {
    source: 'intake',
    eventType: 'ClaimSubmitted',
    case: claim,
    parameters: { claimNumber: 'claimNumber', submittedAt: 'submittedAt' },
    messages: [toCustomer('claim-submitted', false)],
  },
  {
    source: 'claims-review',
    eventType: 'SupplementaryDocumentsRequested',
    case: claim,
    parameters: { claimNumber: 'claimNumber', items: 'items', requestedAt: 'requestedAt' },
    messages: [toCustomer('documents-requested', true)],
  },
  {
    source: 'claims-review',
    eventType: 'ClaimApproved',
    case: claim,
    parameters: {
      claimNumber: 'claimNumber',
      payout: 'payout',
      explanation: 'explanation',
      policyBasis: 'policyBasis',
      decidedAt: 'decidedAt',
    },
    messages: [toCustomer('claim-approved', true)],
  },
  {
    source: 'claims-review',
    eventType: 'ClaimDenied',
    case: claim,
    parameters: {
      claimNumber: 'claimNumber',
      reasonCodes: 'reasonCodes',
      explanation: 'explanation',
      policyBasis: 'policyBasis',
      decidedAt: 'decidedAt',
    },
    messages: [toCustomer('claim-denied', true)],
  },
  {
    source: 'claims-review',
    eventType: 'PaymentInstructed',
    case: claim,
    parameters: { claimNumber: 'claimNumber', amount: 'amount', expectedArrivalDate: 'expectedArrivalDate' },
    messages: [toCustomer('payment-instructed', true)],
  },
  {
    source: 'claims-review',
    eventType: 'ClaimClosed',
    case: claim,
    parameters: { claimNumber: 'claimNumber', outcome: 'outcome', closedAt: 'closedAt' },
    messages: [toCustomer('claim-closed', false)],
  },
  {
    source: 'claims-review',
    eventType: 'TimeLimitAtRisk',
    case: claim,
    parameters: { step: 'step', dueAt: 'dueAt' },
    messages: [toStaff('handler', 'time-limit-at-risk')],
  },
  {
    source: 'claims-review',
    eventType: 'TimeLimitExceeded',
    case: claim,
    parameters: { step: 'step', dueAt: 'dueAt' },
    messages: [
      toStaff('handler', 'time-limit-breached', true),
      toStaff('manager', 'time-limit-breached', true),
    ],
  },
  {
    source: 'complaint',
    eventType: 'ComplaintReceived',
    case: complaint,
    parameters: { complaintNumber: 'complaintNumber', receivedAt: 'receivedAt' },
    messages: [toCustomer('complaint-received', true)],
  },
  {
    source: 'complaint',
    eventType: 'ComplaintAccepted',
    case: complaint,
    parameters: { complaintNumber: 'complaintNumber', acceptedAt: 'acceptedAt' },
    messages: [toCustomer('complaint-accepted', true)],
  },
  {
    source: 'complaint',
    eventType: 'ResolutionCommunicated',
    case: complaint,
    parameters: {
      complaintNumber: 'complaintNumber',
      summary: 'summary',
      nextSteps: 'nextSteps',
      communicatedAt: 'communicatedAt',
    },
    messages: [toCustomer('complaint-plan', true)],
  },
  {
    source: 'complaint',
    eventType: 'RegulatoryLimitExtended',
    case: complaint,
    parameters: {
      complaintNumber: 'complaintNumber',
      reason: 'reason',
      totalDays: 'totalDays',
      dueAt: 'dueAt',
    },
    messages: [toCustomer('complaint-extended', true)],
  },
  {
    source: 'complaint',
    eventType: 'ComplaintClosed',
    case: complaint,
    parameters: { complaintNumber: 'complaintNumber', closedAt: 'closedAt' },
    messages: [toCustomer('complaint-closed', false)],
  },
  {
    source: 'complaint',
    eventType: 'ClockAtRisk',
    case: complaint,
    parameters: { clock: 'clock', dueAt: 'dueAt' },
    messages: [toStaff('handler', 'time-limit-at-risk')],
  },
  {
    source: 'complaint',
    eventType: 'ClockBreached',
    case: complaint,
    parameters: { clock: 'clock', dueAt: 'dueAt' },
    messages: [
      toStaff('handler', 'time-limit-breached', true),
      toStaff('manager', 'time-limit-breached', true),
    ],
  },
];
