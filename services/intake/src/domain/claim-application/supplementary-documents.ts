import { DomainRuleViolation } from '@claims/event-sourcing';
import {
  ClaimApplicationEvent,
  RequestedDocument,
  publicDocument,
  recordClaimApplication,
} from './claim-application.events';
import { ClaimApplication, openRound, refuseUnlessReported } from './claim-application.state';

export interface SupplementaryRequest {
  readonly round: number;
  readonly items: readonly RequestedDocument[];
  readonly requestedAt: string;
}

/**
 * Claims review asked for more documents (its SupplementaryDocumentsRequested): recorded once per
 * round, so a redelivered message changes nothing.
 */
export function recordSupplementaryRequest(
  state: ClaimApplication,
  command: { request: SupplementaryRequest; now: Date },
): ClaimApplicationEvent[] {
  const claim = refuseUnlessReported(state);
  const { request, now } = command;
  if (claim.status === 'collecting-documents') {
    throw new DomainRuleViolation(
      'claim-not-submitted',
      `Claim ${claim.facts.claimNumber} was not submitted yet`,
    );
  }
  if (claim.rounds.some((r) => r.round === request.round)) return [];
  if (request.items.length === 0)
    throw new DomainRuleViolation('supplementary-request-empty', 'The request names no document');
  const receivedAt = now.toISOString();
  return [
    recordClaimApplication(
      'SupplementaryDocumentsRequestReceived',
      {
        claimId: claim.facts.claimId,
        round: request.round,
        items: request.items,
        requestedAt: request.requestedAt,
        receivedAt,
      },
      { occurredAt: receivedAt },
    ),
  ];
}

/**
 * Hands the supplementary documents back to claims review (SupplementaryDocumentsProvided v1)
 * once every requested kind of the open round is there.
 */
export function provideSupplementaryDocuments(
  state: ClaimApplication,
  command: { now: Date },
): ClaimApplicationEvent[] {
  const claim = refuseUnlessReported(state);
  const round = openRound(claim);
  if (!round) {
    throw new DomainRuleViolation(
      'no-open-supplementary-request',
      `Claims review has asked for nothing on claim ${claim.facts.claimNumber}`,
    );
  }
  const supplied = claim.documents.filter((d) => d.round === round.round);
  const missing = round.items.filter((item) => !supplied.some((d) => d.kind === item.documentKind));
  if (missing.length > 0) {
    throw new DomainRuleViolation(
      'supplementary-documents-missing',
      `${missing.length} requested document(s) still missing`,
      {
        round: round.round,
        missingDocuments: missing.map(({ documentKind, reason }) => ({ kind: documentKind, reason })),
      },
    );
  }
  const providedAt = command.now.toISOString();
  return [
    recordClaimApplication(
      'SupplementaryDocumentsProvided',
      {
        claimId: claim.facts.claimId,
        claimNumber: claim.facts.claimNumber,
        round: round.round,
        documents: supplied.map(publicDocument),
        providedAt,
      },
      { occurredAt: providedAt },
    ),
  ];
}
