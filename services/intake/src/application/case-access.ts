import { randomUUID } from 'node:crypto';
import {
  CommandContext,
  NotFoundRefusal,
  WrongExpectedRevisionError,
  eventIdFor,
} from '@claims/event-sourcing';
import { Principal, mayAccessCaseOf } from '@claims/service-host';
import { ReportedClaimApplication } from '../domain/claim-application/claim-application.state';
import { Consultation } from '../domain/consultation/consultation.state';
import { ClaimApplications, Consultations } from './ports';

export type RegisteredConsultationState = Exclude<Consultation, { status: 'none' }>;

/** A case as a command found it: its state and the revision to append at. */
export interface CaseAt<State> {
  readonly state: State;
  readonly revision: number;
}

/**
 * The caller's claim application: to a customer another customer's claim does not exist (404,
 * like an unknown one). With `expectedRevision` (If-Match), a claim changed since is refused (409)
 * before anything is decided.
 */
export async function readClaimFor(
  claims: ClaimApplications,
  input: { readonly claimId: string; readonly expectedRevision?: number },
  principal: Principal,
): Promise<CaseAt<ReportedClaimApplication>> {
  const { state, revision } = await claims.read(input.claimId);
  if (state.status === 'none' || revision === null || !mayAccessCaseOf(principal, state.facts.customerId)) {
    throw new NotFoundRefusal(`There is no claim ${input.claimId}`);
  }
  refuseIfChangedSince(claims.streamId(input.claimId), revision, input.expectedRevision);
  return { state, revision };
}

/** The caller's consultation (404 for an unknown one, or for a customer another person's or an anonymous one). */
export async function readConsultationFor(
  consultations: Consultations,
  consultationId: string,
  principal: Principal,
): Promise<CaseAt<RegisteredConsultationState>> {
  const { state, revision } = await consultations.read(consultationId);
  if (state.status === 'none' || revision === null || !mayAccessCaseOf(principal, state.customerId ?? '')) {
    throw new NotFoundRefusal(`There is no consultation ${consultationId}`);
  }
  return { state, revision };
}

/** With an If-Match revision, a command on a case changed meanwhile is refused (409). */
export function refuseIfChangedSince(streamId: string, revision: number, expectedRevision?: number): void {
  if (expectedRevision !== undefined && revision !== expectedRevision) {
    throw new WrongExpectedRevisionError(streamId, expectedRevision, revision);
  }
}

/** A new case's id, derived from the command so a retried command (same Idempotency-Key) creates the same case. */
export function newCaseId(context: CommandContext, kind: string): string {
  return context.causationId ? eventIdFor(context.causationId, kind, 0) : randomUUID();
}
