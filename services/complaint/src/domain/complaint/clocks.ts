import { DomainRuleViolation } from '@claims/event-sourcing';
import { ComplaintEvent, recordComplaint } from './complaint.events';
import { Complaint } from './complaint.state';
import { Acting, ComplaintTerms, complaintIn, requireText } from './complaint.guards';

/**
 * The periodic check: records, once per run of each clock, that it is at risk or breached by
 * `now`. Paused, fulfilled and stopped clocks raise nothing.
 */
export function checkClocks(
  state: Complaint,
  command: { readonly now: Date },
  terms: ComplaintTerms,
): ComplaintEvent[] {
  if (state.status === 'none') return [];
  const { now } = command;
  return Object.values(state.clocks).flatMap((c) => {
    if (c.state !== 'running') return [];
    const standing = terms.timetable.standing(c.clock, new Date(c.dueAt), now);
    if (standing === 'on-time') return [];
    const alert = standing === 'overdue' ? 'breached' : 'at-risk';
    if (c.alerts.includes(alert) || (alert === 'at-risk' && c.alerts.includes('breached'))) return [];
    const data = {
      complaintId: state.complaintId,
      clock: c.clock,
      dueAt: c.dueAt,
      detectedAt: now.toISOString(),
    };
    return [
      recordComplaint(alert === 'breached' ? 'ClockBreached' : 'ClockAtRisk', data, { occurredAt: now }),
    ];
  });
}

export interface ExtendRegulatoryLimit extends Acting {
  readonly reason: string;
  /** How the customer was told of the extension (the regulator requires it each time). */
  readonly customerToldVia: string;
}

/**
 * Extends the regulatory limit: the first extension (to 30 days) with a recorded reason, the
 * next (a further 30) only with a manager's approval; none once the limit has passed or the
 * decision was told.
 */
export function extendRegulatoryLimit(
  state: Complaint,
  command: ExtendRegulatoryLimit,
  terms: ComplaintTerms,
): ComplaintEvent[] {
  const complaint = complaintIn(
    state,
    'extend the regulatory limit',
    'received',
    'awaiting-assignment',
    'investigating',
    'awaiting-approval',
    'plan-adopted',
  );
  const { reason, customerToldVia, actor, now } = command;
  requireText(reason, 'reason');
  requireText(customerToldVia, 'customerToldVia');
  const clock = complaint.clocks.regulatory;
  if (!clock || clock.state !== 'running') {
    throw new DomainRuleViolation(
      'regulatory-clock-not-running',
      'The regulatory limit is no longer running',
    );
  }
  if (now.getTime() > new Date(clock.dueAt).getTime()) {
    throw new DomainRuleViolation(
      'limit-passed',
      'The regulatory limit has passed: it cannot be extended after the fact',
      {
        dueAt: clock.dueAt,
      },
    );
  }
  const extension = terms.rules.regulatoryExtensions[complaint.regulatoryExtensions];
  if (!extension) {
    throw new DomainRuleViolation('no-further-extension', 'The regulatory limit has no further extension', {
      extensions: complaint.regulatoryExtensions,
    });
  }
  if (extension.grantedBy === 'manager' && actor.role !== 'manager') {
    throw new DomainRuleViolation('manager-required', 'This extension needs a manager’s approval', {
      extension: complaint.regulatoryExtensions + 1,
    });
  }
  const dueAt = terms.timetable
    .dueAt(new Date(clock.startedAt), { kind: 'calendar-days', count: extension.totalDays })
    .toISOString();
  return [
    recordComplaint(
      'RegulatoryLimitExtended',
      {
        complaintId: complaint.complaintId,
        complaintNumber: complaint.complaintNumber,
        customerId: complaint.customerId,
        extension: complaint.regulatoryExtensions + 1,
        totalDays: extension.totalDays,
        reason,
        grantedBy: actor.id,
        grantedAs: actor.role === 'manager' ? 'manager' : 'handler',
        customerToldVia,
        dueAt,
        extendedAt: now.toISOString(),
      },
      { occurredAt: now },
    ),
  ];
}
