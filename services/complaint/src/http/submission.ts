import { ReceiveComplaintInput } from '../application/receipt/receive-complaint.command';
import { Remedy } from '../domain/complaint/complaint.events';
import { ComplaintSubmission, RemedyRequest } from './complaint.requests';

/** A request's complaint as the receipt command takes it: identity and words apart (sealed). */
export function submissionOf(body: ComplaintSubmission): Omit<ReceiveComplaintInput, 'channel'> {
  return {
    complainant: {
      name: body.name,
      phone: body.phone,
      ...(body.email ? { email: body.email } : {}),
      ...(body.agent ? { agentName: body.agent.name } : {}),
      description: body.description,
      request: body.request,
    },
    agent: body.agent
      ? {
          relationship: body.agent.relationship,
          authorisation: {
            ...body.agent.authorisation,
            validUntil: body.agent.authorisation.validUntil ?? null,
          },
        }
      : null,
    relatedClaimNumbers: body.relatedClaimNumbers ?? [],
    policyNumber: body.policyNumber ?? null,
    category: body.category,
    requestedRemedies: body.requestedRemedies ?? [],
    amountClaimed: body.amountClaimed ? { ...body.amountClaimed } : null,
    attachments: (body.attachments ?? []).map((a) => ({ ...a })),
  };
}

export function remediesOf(remedies: readonly RemedyRequest[]): Remedy[] {
  return remedies.map((r) => ({
    kind: r.kind,
    description: r.description,
    amount: r.amount ? { ...r.amount } : null,
  }));
}
