import { Actor, DomainRuleViolation } from '@claims/event-sourcing';
import { ClockName, ComplaintRules } from '../complaint-rules';
import { ComplaintTimetable } from '../complaint-timetable';
import { ComplaintEvent, recordComplaint } from './complaint.events';
import {
  Assigned,
  Complaint,
  ComplaintIn,
  ComplaintStatus,
  OpenedComplaint,
  hasStatus,
} from './complaint.state';

/** Who takes a decision, and when (the domain reads no clock: the time comes with the command). */
export interface Acting {
  readonly actor: Actor;
  readonly now: Date;
}

/** The rules and the calendar a decision may need, as arguments. */
export interface ComplaintTerms {
  readonly rules: ComplaintRules;
  readonly timetable: ComplaintTimetable;
}

/** The role a manager acts in (DOMAIN.md: management decides major complaints and escalations). */
export const MANAGER_ROLE = 'manager';

export function openedComplaint(state: Complaint): OpenedComplaint {
  if (state.status === 'none')
    throw new DomainRuleViolation('no-complaint', 'No complaint was received under this id');
  return state;
}

/** The complaint in one of `statuses`, or a refusal naming the status it is in. */
export function complaintIn<S extends ComplaintStatus>(
  state: Complaint,
  action: string,
  ...statuses: S[]
): ComplaintIn<S> {
  const opened = openedComplaint(state);
  if (!hasStatus(opened, ...statuses)) {
    throw new DomainRuleViolation(
      'wrong-status',
      `Cannot ${action} while the complaint is ${opened.status}`,
      {
        status: opened.status,
        required: statuses.join(' | '),
      },
    );
  }
  return opened;
}

/** The complaint in `statuses`, acted on by the handler it is assigned to. */
export function handlersComplaintIn<
  S extends 'investigating' | 'plan-adopted' | 'awaiting-customer' | 'resolved',
>(state: Complaint, actor: Actor, action: string, ...statuses: S[]): ComplaintIn<S> {
  const found = complaintIn(state, action, ...statuses);
  const { handlerId } = found as unknown as Assigned;
  if (handlerId !== actor.id) {
    throw new DomainRuleViolation(
      'not-assigned-handler',
      'Only the handler the complaint is assigned to may do this',
      {
        handlerId,
      },
    );
  }
  return found;
}

export function requireManager(actor: Actor, action: string): void {
  if (actor.role !== MANAGER_ROLE) {
    throw new DomainRuleViolation('manager-required', `Only a manager may ${action}`, { role: actor.role });
  }
}

/** A non-empty text, or a refusal naming the field. */
export function requireText(value: string, field: string): void {
  if (!value || !value.trim())
    throw new DomainRuleViolation('missing-field', `${field} must be given`, { field });
}

/** A clock starts (again): due by the working calendar from `now`. */
export function clockStarted(
  complaintId: string,
  clock: ClockName,
  now: Date,
  timetable: ComplaintTimetable,
): ComplaintEvent {
  const limit = timetable.limitOf(clock);
  const dueAt = timetable.dueAt(now, limit).toISOString();
  return recordComplaint(
    'ClockStarted',
    { complaintId, clock, limit, startedAt: now.toISOString(), dueAt },
    { occurredAt: now },
  );
}

/** The clock's work is done: fulfilled, within its limit or not (nothing if it is not running or paused). */
export function clockFulfilled(state: OpenedComplaint, clock: ClockName, now: Date): ComplaintEvent[] {
  const running = state.clocks[clock];
  if (!running || (running.state !== 'running' && running.state !== 'paused')) return [];
  const withinLimit = now.getTime() <= new Date(running.dueAt).getTime();
  const data = {
    complaintId: state.complaintId,
    clock,
    dueAt: running.dueAt,
    fulfilledAt: now.toISOString(),
    withinLimit,
  };
  return [recordComplaint('ClockFulfilled', data, { occurredAt: now })];
}

/** Handling ended (withdrawn, declined): every clock still running or paused stops. */
export function clocksStopped(state: OpenedComplaint, reason: string, now: Date): ComplaintEvent[] {
  return Object.values(state.clocks)
    .filter((c) => c.state === 'running' || c.state === 'paused')
    .map((c) =>
      recordComplaint(
        'ClockStopped',
        { complaintId: state.complaintId, clock: c.clock, reason, stoppedAt: now.toISOString() },
        { occurredAt: now },
      ),
    );
}
