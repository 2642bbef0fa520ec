import { IntegrationEvent } from '@claims/messaging';
import { SupplementaryRequest } from '../../domain/claim-application/supplementary-documents';
import { ReviewFact } from '../../domain/claim-application/review-progress';
import { Money } from '../../domain/vocabulary';

/**
 * Claims review's published language as intake reads it (docs/event-catalogue.md, topic
 * `claims-platform.claims-review`): the events of the customer's journey, schema version 1 each,
 * translated into intake's own terms. Only the fields the customer is told are read; staff ids,
 * calculations and routes are left where they are.
 */
export const FOLLOWED_EVENT_TYPES = [
  'ClaimAccepted',
  'SupplementaryDocumentsRequested',
  'ClaimApproved',
  'ClaimDenied',
  'PaymentInstructed',
  'PaymentConfirmed',
  'ClaimClosed',
  'ClaimReopened',
] as const;
export type FollowedEventType = (typeof FOLLOWED_EVENT_TYPES)[number];

/** What one followed event asks of intake. */
export type ClaimsReviewMessage =
  | {
      readonly kind: 'supplementary-request';
      readonly claimId: string;
      readonly request: SupplementaryRequest;
    }
  | { readonly kind: 'review-progress'; readonly claimId: string; readonly fact: ReviewFact };

export function isFollowed(type: string): type is FollowedEventType {
  return FOLLOWED_EVENT_TYPES.some((followed) => followed === type);
}

/**
 * Reads a followed event; a version or a shape it does not know is an error (the message is
 * retried, then dead-lettered), never guessed at.
 */
export function readClaimsReviewEvent(
  event: IntegrationEvent & { type: FollowedEventType },
): ClaimsReviewMessage {
  if (event.schemaversion !== 1) throw new Error(`${event.type} v${event.schemaversion} is not understood`);
  const data = new Fields(event.type, event.data);
  const claimId = data.text('claimId');
  const progress = (fact: ReviewFact): ClaimsReviewMessage => ({ kind: 'review-progress', claimId, fact });
  switch (event.type) {
    case 'SupplementaryDocumentsRequested':
      return {
        kind: 'supplementary-request',
        claimId,
        request: {
          round: data.positiveInteger('round'),
          items: data.list('items').map((item, i) => {
            const fields = new Fields(`${event.type}.items[${i}]`, item);
            return { documentKind: fields.text('documentKind'), reason: fields.text('reason') };
          }),
          requestedAt: data.instant('requestedAt'),
        },
      };
    case 'ClaimAccepted':
      return progress({ kind: 'accepted', acceptedAt: data.instant('acceptedAt') });
    case 'ClaimApproved':
      return progress({
        kind: 'approved',
        payout: data.money('payout'),
        explanation: noticeWords(data.text('explanation')),
        policyBasis: data.text('policyBasis'),
        decidedAt: data.instant('decidedAt'),
      });
    case 'ClaimDenied':
      return progress({
        kind: 'denied',
        reasonCodes: data.texts('reasonCodes'),
        explanation: noticeWords(data.text('explanation')),
        policyBasis: data.text('policyBasis'),
        decidedAt: data.instant('decidedAt'),
      });
    case 'PaymentInstructed':
      return progress({
        kind: 'payment-instructed',
        amount: data.money('amount'),
        expectedArrivalDate: data.date('expectedArrivalDate'),
        instructedAt: data.instant('instructedAt'),
      });
    case 'PaymentConfirmed':
      return progress({
        kind: 'payment-confirmed',
        amount: data.money('amount'),
        paidOn: data.date('paidOn'),
        confirmedAt: data.instant('confirmedAt'),
      });
    case 'ClaimClosed': {
      const outcome = data.text('outcome');
      if (outcome !== 'paid' && outcome !== 'denied') throw data.invalid('outcome', 'paid or denied');
      return progress({ kind: 'closed', outcome, closedAt: data.instant('closedAt') });
    }
    case 'ClaimReopened':
      return progress({
        kind: 'reopened',
        reason: data.text('reason'),
        reopenedAt: data.instant('reopenedAt'),
      });
  }
}

/**
 * A decision's explanation as the customer's notice gives it: claims review appends an approver's
 * comment (`\nApprover: …`), which is the insurer's own and is left out.
 */
function noticeWords(explanation: string): string {
  const comment = explanation.indexOf('\nApprover: ');
  return comment < 0 ? explanation : explanation.slice(0, comment);
}

/** Typed reads of an event's data, naming the field that is not what the contract says. */
class Fields {
  private readonly data: Readonly<Record<string, unknown>>;

  constructor(
    private readonly where: string,
    data: unknown,
  ) {
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw new Error(`${where}: data is not an object`);
    this.data = data as Record<string, unknown>;
  }

  invalid(field: string, expected: string): Error {
    return new Error(`${this.where}: ${field} is not ${expected}`);
  }

  text(field: string): string {
    const value = this.data[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > 10_000)
      throw this.invalid(field, 'a text');
    return value;
  }

  texts(field: string): string[] {
    return this.list(field).map((value, i) => {
      if (typeof value !== 'string' || value.length === 0 || value.length > 200)
        throw this.invalid(`${field}[${i}]`, 'a text');
      return value;
    });
  }

  instant(field: string): string {
    const value = this.text(field);
    if (Number.isNaN(Date.parse(value))) throw this.invalid(field, 'an instant');
    return value;
  }

  date(field: string): string {
    const value = this.text(field);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw this.invalid(field, 'a date YYYY-MM-DD');
    return value;
  }

  positiveInteger(field: string): number {
    const value = this.data[field];
    if (!Number.isSafeInteger(value) || (value as number) < 1)
      throw this.invalid(field, 'a positive integer');
    return value as number;
  }

  list(field: string): readonly unknown[] {
    const value = this.data[field];
    if (!Array.isArray(value)) throw this.invalid(field, 'a list');
    return value;
  }

  money(field: string): Money {
    const value = new Fields(`${this.where}.${field}`, this.data[field]);
    const amountMinor = value.data.amountMinor;
    const currency = value.text('currency');
    if (!Number.isSafeInteger(amountMinor) || (amountMinor as number) < 0 || !/^[A-Z]{3}$/.test(currency)) {
      throw this.invalid(field, 'money { amountMinor, currency }');
    }
    return { amountMinor: amountMinor as number, currency };
  }
}
