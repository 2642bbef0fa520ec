import { Decider, unknownEvent } from '@claims/event-sourcing';
import { ClockName } from '../complaint-rules';
import { ComplaintEvent } from './complaint.events';
import {
  Assigned,
  Clock,
  Complaint,
  ComplainantDetails,
  ComplaintFile,
  ComplaintIn,
  ENDED_STATUSES,
  HandlingRecord,
  OpenedComplaint,
  Reviewed,
  hasStatus,
} from './complaint.state';

type EndedStatus = (typeof ENDED_STATUSES)[number];

/**
 * What a complaint's history means. Each event moves the complaint only from the statuses it can
 * follow; anywhere else it changes nothing. An event type without a case here fails `tsc`.
 */
export const complaintDecider: Decider<Complaint, ComplaintEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ComplaintReceived': {
        if (state.status !== 'none') return state;
        const { receivedBy: _by, group: _group, ...data } = event.data;
        const complainant = event.personalData?.fields as ComplainantDetails | undefined;
        return {
          ...data,
          ...(complainant ? { complainant } : {}),
          clocks: {},
          regulatoryExtensions: 0,
          status: 'received',
        };
      }
      case 'AttachmentAdded':
        if (state.status === 'none') return state;
        return { ...state, attachments: [...state.attachments, event.data.attachment] };
      case 'ComplaintAccepted': {
        if (!hasStatus(state, 'received')) return state;
        const { riskFactors, riskScore, priority, major, riskNote } = event.data;
        return {
          ...filePart(state),
          risk: { factors: riskFactors, score: riskScore, priority, major, note: riskNote },
          round: 1,
          previousHandlers: [],
          contacts: [],
          evidence: [],
          dissatisfactions: [],
          status: 'awaiting-assignment',
        };
      }
      case 'ComplaintDeclined': {
        if (!hasStatus(state, 'received')) return state;
        const { reason, duplicateOf, explanation, declinedBy } = event.data;
        return {
          ...filePart(state),
          decline: { reason, duplicateOf, explanation, declinedBy },
          status: 'declined',
        };
      }
      case 'ComplaintReferredAsConsultation':
        return state; // the decline it comes with ended the complaint
      case 'HandlerAssigned': {
        const { handlerId, round } = event.data;
        if (hasStatus(state, 'awaiting-assignment'))
          return { ...reviewedPart(state), round, handlerId, status: 'investigating' };
        if (hasStatus(state, 'investigating')) return { ...state, handlerId }; // a reassignment within the round
        return state;
      }
      case 'ContactRecorded': {
        if (!isReviewed(state)) return state;
        const { complaintId: _id, ...contact } = event.data;
        return { ...state, contacts: [...state.contacts, contact] };
      }
      case 'EvidenceAdded': {
        if (!isReviewed(state)) return state;
        const { evidenceId, source, description, attachment, addedBy } = event.data;
        return {
          ...state,
          evidence: [...state.evidence, { evidenceId, source, description, attachment, addedBy }],
        };
      }
      case 'InvestigationCompleted': {
        if (!hasStatus(state, 'investigating')) return state;
        const { complaintId: _id, completedAt: _at, ...investigation } = event.data;
        return { ...state, investigation };
      }
      case 'ResolutionPlanProposed': {
        if (!hasStatus(state, 'investigating')) return state;
        const { complaintId: _id, proposedAt: _at, ...plan } = event.data;
        // stays investigating until adopted or referred: both are recorded with the proposal
        return { ...assignedPart(state), status: 'awaiting-approval', plan };
      }
      case 'ResolutionPlanReferredForApproval':
        return state; // recorded with the proposal that moved it to awaiting-approval
      case 'ResolutionPlanSentBack': {
        if (!hasStatus(state, 'awaiting-approval')) return state;
        const { comment, sentBackBy } = event.data;
        return { ...assignedPart(state), sentBack: { comment, sentBackBy }, status: 'investigating' };
      }
      case 'ResolutionPlanAdopted': {
        if (!hasStatus(state, 'awaiting-approval')) return state;
        return {
          ...assignedPart(state),
          plan: state.plan,
          decidedBy: event.data.decidedBy,
          status: 'plan-adopted',
        };
      }
      case 'ResolutionCommunicated': {
        if (!hasStatus(state, 'plan-adopted')) return state;
        return { ...assignedPart(state), communicated: state.plan, status: 'awaiting-customer' };
      }
      case 'ClaimReexaminationRequested':
        return state;
      case 'CustomerSatisfactionRecorded': {
        if (!hasStatus(state, 'awaiting-customer')) return state;
        return {
          ...assignedPart(state),
          communicated: state.communicated,
          customerSatisfied: true,
          status: 'resolved',
        };
      }
      case 'CustomerDissatisfactionRecorded': {
        if (!hasStatus(state, 'awaiting-customer')) return state;
        const { round, reason, next } = event.data;
        const dissatisfactions = [...state.dissatisfactions, { round, reason }];
        if (next === 'internal-handling-exhausted') {
          const { communicated } = state;
          return {
            ...assignedPart(state),
            dissatisfactions,
            communicated,
            customerSatisfied: false,
            status: 'resolved',
          };
        }
        const { handlerId, investigation: _previousRound, ...reviewed } = assignedPart(state);
        return {
          ...reviewed,
          dissatisfactions,
          previousHandlers: [...state.previousHandlers, handlerId],
          status: 'awaiting-assignment',
        };
      }
      case 'ComplaintWithdrawn': {
        if (state.status === 'none' || isEnded(state)) return state;
        const { reason, withdrawnAt } = event.data;
        return {
          ...handlingPart(state),
          ...filePart(state),
          withdrawnFrom: state.status,
          reason,
          withdrawnAt,
          status: 'withdrawn',
        };
      }
      case 'MaliciousFlagProposed': {
        if (state.status === 'none') return state;
        const { reason, evidence, proposedBy } = event.data;
        return { ...state, malicious: { state: 'proposed', reason, evidence, proposedBy } };
      }
      case 'MaliciousFlagApproved':
      case 'MaliciousFlagRejected': {
        if (state.status === 'none' || !state.malicious) return state;
        const decided = event.type === 'MaliciousFlagApproved' ? 'approved' : 'rejected';
        const decidedBy =
          event.type === 'MaliciousFlagApproved' ? event.data.approvedBy : event.data.rejectedBy;
        return { ...state, malicious: { ...state.malicious, state: decided, decidedBy } };
      }
      case 'ComplaintClosed': {
        if (state.status === 'none' || isEnded(state)) return state;
        const {
          outcome,
          customerSatisfied,
          rootCause,
          rootCauseDetail,
          correctiveAction,
          closedBy,
          closedAt,
        } = event.data;
        const closure = {
          outcome,
          customerSatisfied,
          rootCause,
          rootCauseDetail,
          correctiveAction,
          closedBy,
          closedAt,
        };
        return { ...handlingPart(state), ...filePart(state), closure, status: 'closed' };
      }
      case 'ComplaintArchived': {
        if (!hasStatus(state, 'declined', 'withdrawn', 'closed')) return state;
        const closure = state.status === 'closed' ? { closure: state.closure } : {};
        return {
          ...handlingPart(state),
          ...filePart(state),
          ...closure,
          archivedFrom: state.status,
          archivedAt: event.data.archivedAt,
          status: 'archived',
        };
      }
      case 'ClockStarted': {
        const { clock, limit, startedAt, dueAt } = event.data;
        return withClock(state, clock, () => ({
          clock,
          limit,
          startedAt,
          dueAt,
          pauses: [],
          state: 'running',
          alerts: [],
        }));
      }
      case 'ClockPaused':
        return withClock(state, event.data.clock, (c) =>
          c.state === 'running' ? { ...c, state: 'paused', pausedSince: event.data.pausedAt } : c,
        );
      case 'ClockResumed':
        return withClock(state, event.data.clock, (c) => {
          if (c.state !== 'paused' || !c.pausedSince) return c;
          const { pausedSince: from, ...rest } = c;
          const { resumedAt: to, dueAt } = event.data;
          // a new due time: the alerts of the old one no longer hold
          return { ...rest, pauses: [...c.pauses, { from, to }], dueAt, alerts: [], state: 'running' };
        });
      case 'ClockAtRisk':
        return withClock(state, event.data.clock, (c) => ({ ...c, alerts: [...c.alerts, 'at-risk'] }));
      case 'ClockBreached':
        return withClock(state, event.data.clock, (c) => ({ ...c, alerts: [...c.alerts, 'breached'] }));
      case 'ClockFulfilled':
        return withClock(state, event.data.clock, (c) => ({
          ...c,
          state: 'fulfilled',
          endedAt: event.data.fulfilledAt,
          withinLimit: event.data.withinLimit,
        }));
      case 'ClockStopped':
        return withClock(state, event.data.clock, (c) => ({
          ...c,
          state: 'stopped',
          endedAt: event.data.stoppedAt,
        }));
      case 'RegulatoryLimitExtended': {
        if (state.status === 'none') return state;
        const extended = withClock(state, 'regulatory', (c) => ({
          ...c,
          limit: { kind: 'calendar-days', count: event.data.totalDays },
          dueAt: event.data.dueAt,
          alerts: [],
        }));
        return extended.status === 'none'
          ? extended
          : { ...extended, regulatoryExtensions: event.data.extension };
      }
      default:
        return unknownEvent(event);
    }
  },
};

export function isReviewed(state: Complaint): state is Extract<Complaint, Reviewed> {
  return 'risk' in state;
}

export function isAssigned(state: Complaint): state is Extract<Complaint, Assigned> {
  return 'handlerId' in state;
}

export function isEnded(state: Complaint): state is ComplaintIn<EndedStatus> {
  return hasStatus(state, ...ENDED_STATUSES);
}

function withClock(state: Complaint, name: ClockName, change: (clock: Clock) => Clock): Complaint {
  if (state.status === 'none') return state;
  const current = state.clocks[name];
  const placeholder = { clock: name } as Clock; // ClockStarted replaces it whole
  const next = change(current ?? placeholder);
  if (!current && next === placeholder) return state;
  return { ...state, clocks: { ...state.clocks, [name]: next } } as OpenedComplaint;
}

/** Exactly the fields every received complaint has. */
function filePart(state: ComplaintFile): ComplaintFile {
  const {
    complaintId,
    complaintNumber,
    channel,
    regulatorReference,
    complainantId,
    customerId,
    complainant,
  } = state;
  const {
    agent,
    relatedClaimNumbers,
    policyNumber,
    category,
    requestedRemedies,
    amountClaimed,
    attachments,
  } = state;
  const { receivedAt, clocks, regulatoryExtensions, malicious } = state;
  return {
    complaintId,
    complaintNumber,
    channel,
    regulatorReference,
    complainantId,
    customerId,
    ...(complainant ? { complainant } : {}),
    agent,
    relatedClaimNumbers,
    policyNumber,
    category,
    requestedRemedies,
    amountClaimed,
    attachments,
    receivedAt,
    clocks,
    regulatoryExtensions,
    ...(malicious ? { malicious } : {}),
  };
}

/** The handling fields of a complaint that was accepted (whatever its status now), for the record. */
function handlingPart(state: OpenedComplaint): HandlingRecord {
  if (!('risk' in state) || !state.risk) return {};
  const handled = state as HandlingRecord;
  const { risk, round, previousHandlers, contacts, evidence, investigation, communicated, dissatisfactions } =
    handled;
  return {
    risk,
    round,
    previousHandlers,
    contacts,
    evidence,
    dissatisfactions,
    ...(investigation ? { investigation } : {}),
    ...(communicated ? { communicated } : {}),
    ...(handled.handlerId ? { handlerId: handled.handlerId } : {}),
  };
}

function reviewedPart(state: Reviewed): Reviewed {
  const { risk, round, previousHandlers, contacts, evidence, investigation, communicated, dissatisfactions } =
    state;
  return {
    ...filePart(state),
    risk,
    round,
    previousHandlers,
    contacts,
    evidence,
    ...(investigation ? { investigation } : {}),
    ...(communicated ? { communicated } : {}),
    dissatisfactions,
  };
}

function assignedPart(state: Assigned): Assigned {
  return { ...reviewedPart(state), handlerId: state.handlerId };
}
