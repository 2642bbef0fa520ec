import { DomainRuleViolation } from '@claims/event-sourcing';
import { ComplaintChannel, ComplaintRules } from '../complaint-rules';
import { Money, assertValidMoney } from '../money';
import { ComplaintEvent, ComplaintEvents, recordComplaint } from './complaint.events';
import { ComplainantDetails, Complaint } from './complaint.state';
import { ComplaintTerms, clockStarted, requireText } from './complaint.guards';

export interface ReceiveComplaint {
  readonly complaintId: string;
  /** Allocated race-safely beforehand (complaint-numbers). */
  readonly complaintNumber: string;
  readonly channel: ComplaintChannel;
  readonly regulatorReference?: string | null;
  /** The customer's id when the complainant is a known customer. */
  readonly customerId?: string | null;
  readonly complainant: ComplainantDetails;
  readonly agent?: ComplaintEvents['ComplaintReceived']['agent'];
  readonly group?: { readonly size: number; readonly representatives: number } | null;
  readonly relatedClaimNumbers: readonly string[];
  readonly policyNumber?: string | null;
  readonly category: string;
  readonly requestedRemedies: ComplaintEvents['ComplaintReceived']['requestedRemedies'];
  readonly amountClaimed?: Money | null;
  readonly attachments: ComplaintEvents['ComplaintReceived']['attachments'];
  readonly receivedBy: string;
  readonly now: Date;
}

/**
 * Receive a complaint on any channel: its number, the complainant (sealed personal data), the
 * agent and the authorisation, the related claims and policy, a category of the taxonomy. The
 * initial review's 24 hours and the regulatory limit start at once. Receiving the same complaint
 * again (a retried request) changes nothing. Nothing about earlier complaints, flagged malicious
 * or not, is consulted: a genuine new complaint is always received.
 */
export function receiveComplaint(
  state: Complaint,
  command: ReceiveComplaint,
  terms: ComplaintTerms,
): ComplaintEvent[] {
  if (state.status !== 'none') {
    if (state.complaintNumber === command.complaintNumber) return [];
    throw new DomainRuleViolation('complaint-exists', 'A complaint with this id was already received', {
      complaintNumber: state.complaintNumber,
    });
  }
  checkReceipt(command, terms.rules);
  const { complaintId, complaintNumber, channel, complainant, now } = command;
  const customerId = command.customerId ?? null;
  const complainantId = customerId ?? `complainant-${complaintId}`;
  const { agentName: _agent, ...fields } = complainant;
  const personalData = {
    subjectId: complainantId,
    fields: {
      ...fields,
      ...(command.agent && complainant.agentName ? { agentName: complainant.agentName } : {}),
    },
  };
  const data: ComplaintEvents['ComplaintReceived'] = {
    complaintId,
    complaintNumber,
    channel,
    regulatorReference: command.regulatorReference ?? null,
    complainantId,
    customerId,
    agent: command.agent ?? null,
    group: command.group ?? null,
    relatedClaimNumbers: [...new Set(command.relatedClaimNumbers)],
    policyNumber: command.policyNumber ?? null,
    category: command.category,
    requestedRemedies: [...command.requestedRemedies],
    amountClaimed: command.amountClaimed ?? null,
    attachments: [...command.attachments],
    receivedBy: command.receivedBy,
    receivedAt: now.toISOString(),
  };
  return [
    recordComplaint('ComplaintReceived', data, { occurredAt: now, personalData }),
    clockStarted(complaintId, 'initial-review', now, terms.timetable),
    clockStarted(complaintId, 'regulatory', now, terms.timetable),
  ];
}

function checkReceipt(command: ReceiveComplaint, rules: ComplaintRules): void {
  if (!rules.categories.some((c) => c.code === command.category)) {
    throw new DomainRuleViolation('unknown-category', `No complaint category ${command.category}`, {
      category: command.category,
      categories: rules.categories.map((c) => c.code),
    });
  }
  if (!/^CMP-\d{4}-\d{6}$/.test(command.complaintNumber)) {
    throw new DomainRuleViolation('invalid-complaint-number', 'A complaint number reads CMP-YYYY-NNNNNN', {
      complaintNumber: command.complaintNumber,
    });
  }
  if (command.channel === 'regulator-transfer' && !command.regulatorReference) {
    throw new DomainRuleViolation(
      'regulator-reference-required',
      "A transferred complaint carries the regulator's reference",
    );
  }
  if (command.agent && !command.complainant.agentName) {
    throw new DomainRuleViolation('agent-name-required', 'An agent acting for the complainant is named');
  }
  if (command.agent && !command.agent.authorisation.documentId) {
    throw new DomainRuleViolation(
      'authorisation-required',
      "An agent's authorisation (or an heir's proof) is on file",
    );
  }
  const group = command.group;
  if (group && (group.representatives < 1 || group.representatives > rules.maxGroupRepresentatives)) {
    throw new DomainRuleViolation(
      'too-many-representatives',
      `A group complaint names between 1 and ${rules.maxGroupRepresentatives} representatives`,
      { representatives: group.representatives },
    );
  }
  requireText(command.complainant.name, 'complainant.name');
  requireText(command.complainant.description, 'complainant.description');
  if (command.amountClaimed) assertValidMoney(command.amountClaimed, rules.currency, 'The amount claimed');
}
