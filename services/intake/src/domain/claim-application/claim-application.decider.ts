import { Decider, DomainEvent, unknownEvent } from '@claims/event-sourcing';
import { personalText } from '../personal-fields';
import { ClaimApplicationEvent, ClaimantDetails } from './claim-application.events';
import { ClaimApplication, REVIEW_NOT_STARTED, ReviewProgress } from './claim-application.state';
import { ReviewFactEventType, toldKeyOf } from './review-progress';

export const claimApplicationDecider: Decider<ClaimApplication, ClaimApplicationEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ClaimReported':
        return {
          status: 'collecting-documents',
          facts: event.data,
          details: claimantDetails(event),
          documents: [],
        };
      case 'DocumentUploaded': {
        if (state.status === 'none') return state;
        const { documentId, kind, contentHash, mediaType, sizeBytes, blobReference, uploadedAt, round } =
          event.data;
        const document = {
          documentId,
          kind,
          contentHash,
          mediaType,
          sizeBytes,
          blobReference,
          uploadedAt,
          round,
        };
        return { ...state, documents: [...state.documents, document] };
      }
      case 'ClaimSubmitted':
        return state.status !== 'collecting-documents'
          ? state
          : {
              ...state,
              status: 'submitted',
              submittedAt: event.data.submittedAt,
              rounds: [],
              review: REVIEW_NOT_STARTED,
            };
      case 'SupplementaryDocumentsRequestReceived': {
        if (state.status === 'none' || state.status === 'collecting-documents') return state;
        const { round, items, requestedAt } = event.data;
        return {
          ...state,
          status: 'awaiting-supplementary-documents',
          rounds: [...state.rounds, { round, items, requestedAt, providedAt: null }],
        };
      }
      case 'SupplementaryDocumentsProvided': {
        if (state.status === 'none' || state.status === 'collecting-documents') return state;
        const { round, providedAt } = event.data;
        const rounds = state.rounds.map((r) => (r.round === round ? { ...r, providedAt } : r));
        const stillOpen = rounds.some((r) => r.providedAt === null);
        return {
          ...state,
          status: stillOpen ? 'awaiting-supplementary-documents' : 'supplementary-documents-provided',
          rounds,
        };
      }
      case 'ClaimAcceptanceReceived':
        return told(state, event, (review) => ({
          ...review,
          stage: review.stage === 'awaiting-acceptance' ? 'in-review' : review.stage,
          acceptedAt: event.data.acceptedAt,
        }));
      case 'ClaimDecisionReceived': {
        const { claimId: _claimId, receivedAt: _receivedAt, ...decision } = event.data;
        return told(state, event, (review) => ({ ...review, stage: decision.outcome, decision }));
      }
      case 'PaymentInstructionReceived': {
        const { amount, expectedArrivalDate, instructedAt } = event.data;
        const payment = { amount, expectedArrivalDate, instructedAt, paidOn: null };
        return told(state, event, (review) => ({ ...review, stage: 'payment-instructed', payment }));
      }
      case 'PaymentConfirmationReceived': {
        const { amount, paidOn, confirmedAt } = event.data;
        return told(state, event, (review) => ({
          ...review,
          stage: 'paid',
          payment: review.payment
            ? { ...review.payment, paidOn }
            : { amount, expectedArrivalDate: paidOn, instructedAt: confirmedAt, paidOn },
        }));
      }
      case 'ClaimClosureReceived':
        return told(state, event, (review) => ({
          ...review,
          stage: 'closed',
          closedAt: event.data.closedAt,
        }));
      case 'ClaimReopeningReceived': {
        const { reason, reopenedAt } = event.data;
        return told(state, event, (review) => ({
          ...review,
          stage: 'in-review',
          decision: null,
          payment: null,
          closedAt: null,
          reopened: { reason, reopenedAt },
        }));
      }
      default:
        return unknownEvent(event);
    }
  },
};

function claimantDetails(event: DomainEvent): ClaimantDetails {
  return {
    claimantName: personalText(event, 'claimantName'),
    claimantPhone: personalText(event, 'claimantPhone'),
    insuredPersonName: personalText(event, 'insuredPersonName'),
    place: personalText(event, 'place'),
    description: personalText(event, 'description'),
  };
}

/** A fact of claims review applied to a submitted claim's progress, and remembered as told. */
function told(
  state: ClaimApplication,
  event: Extract<ClaimApplicationEvent, { type: ReviewFactEventType }>,
  change: (review: ReviewProgress) => ReviewProgress,
): ClaimApplication {
  if (state.status === 'none' || state.status === 'collecting-documents') return state;
  const review = change(state.review);
  return { ...state, review: { ...review, told: [...state.review.told, toldKeyOf(event)] } };
}
