import { Decider, DomainEvent, unknownEvent } from '@claims/event-sourcing';
import { personalRecord, personalText } from '../personal-fields';
import { ConsultationEvent } from './consultation.events';
import { Consultation, ConsultationContact } from './consultation.state';

export const consultationDecider: Decider<Consultation, ConsultationEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ConsultationRegistered':
        return {
          ...event.data,
          status: 'open',
          question: personalText(event, 'question'),
          contact: contactOf(event),
          ownerId: null,
          team: null,
          handovers: [],
        };
      case 'ConsultationTaken':
        return state.status !== 'open' ? state : { ...state, ownerId: event.data.agentId };
      case 'ConsultationHandedOver':
        return state.status !== 'open'
          ? state
          : {
              ...state,
              ownerId: event.data.toAgentId,
              team: event.data.toTeam,
              handovers: [...state.handovers, event.data],
            };
      case 'ConsultationAnswered': {
        if (state.status !== 'open') return state;
        const { answeredBy, answeredAt, withinPromise } = event.data;
        return {
          ...state,
          status: 'answered',
          answer: { text: personalText(event, 'answer'), answeredBy, answeredAt, withinPromise },
        };
      }
      case 'ConsultationTurnedIntoClaim':
        if (state.status === 'none' || state.status === 'turned-into-claim') return state;
        return {
          ...state,
          status: 'turned-into-claim',
          claimId: event.data.claimId,
          answer: state.status === 'open' ? null : state.answer,
        };
      default:
        return unknownEvent(event);
    }
  },
};

/** The contact as given; once erased (or in an old shape) a plain text reads as the name. */
function contactOf(event: DomainEvent): ConsultationContact {
  const contact = personalRecord(event, 'contact');
  if (!contact) return { name: personalText(event, 'contact') };
  const { name, phone, email } = contact;
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof phone === 'string' ? { phone } : {}),
    ...(typeof email === 'string' ? { email } : {}),
  };
}
