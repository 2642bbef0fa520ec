import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { WrongExpectedRevisionError, eventIdFor } from '@claims/event-sourcing';
import { CommandCaller, ReadModelProgress } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { assignComplaintNumber, complaintNumberOf } from '../../domain/complaint-numbers/complaint-numbers';
import { ComplaintTerms } from '../../domain/complaint/complaint.guards';
import { ReceiveComplaint as ReceiveDecision, receiveComplaint } from '../../domain/complaint/receipt';
import {
  COMPLAINTS,
  COMPLAINT_NUMBERS,
  COMPLAINT_READ_MODELS,
  COMPLAINT_TERMS,
  ComplaintHistories,
  ComplaintNumberHistories,
} from '../ports';

/** What the receiving desk (or the customer) gives; the number, the id and the time come from here. */
export type ReceiveComplaintInput = Omit<
  ReceiveDecision,
  'complaintId' | 'complaintNumber' | 'receivedBy' | 'now'
>;

/** Receives a complaint on any channel: a number of its year, then the complaint's history. */
export class ReceiveComplaint extends Command<{ complaintId: string; complaintNumber: string }> {
  constructor(
    readonly input: ReceiveComplaintInput,
    readonly caller: CommandCaller,
  ) {
    super();
  }
}

/** Concurrent receipts of the same year each win one round at least: enough rounds for a burst. */
const NUMBER_ATTEMPTS = 20;
/** A well-formed number no complaint has, for checking a receipt before the real one is handed out. */
const UNSPENT_NUMBER = 'CMP-0000-000000';

@CommandHandler(ReceiveComplaint)
export class ReceiveComplaintHandler implements ICommandHandler<ReceiveComplaint> {
  constructor(
    @Inject(COMPLAINTS) private readonly complaints: ComplaintHistories,
    @Inject(COMPLAINT_NUMBERS) private readonly numbers: ComplaintNumberHistories,
    @Inject(COMPLAINT_READ_MODELS) private readonly readModels: ReadModelProgress,
    @Inject(COMPLAINT_TERMS) private readonly terms: ComplaintTerms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, caller }: ReceiveComplaint) {
    const now = this.clock.now();
    const { context } = caller;
    // A retried request (same Idempotency-Key) derives the same complaint id, number and events.
    const complaintId = context.causationId ? eventIdFor(context.causationId, 'complaint', 0) : randomUUID();
    const decision = { ...input, complaintId, receivedBy: context.actor.id, now };
    // Refused before a number is spent: a refused complaint stores nothing, not even its number.
    receiveComplaint({ status: 'none' }, { ...decision, complaintNumber: UNSPENT_NUMBER }, this.terms);
    const complaintNumber = await this.numberFor(complaintId, now, caller);
    const handled = await this.complaints.handle(complaintId, context, (state) =>
      receiveComplaint(state, { ...decision, complaintNumber }, this.terms),
    );
    await this.readModels.showing(handled.appended);
    return { complaintId, complaintNumber };
  }

  /** The year's next number, race-safe: a concurrent receipt that took it makes this one decide again. */
  private async numberFor(complaintId: string, now: Date, caller: CommandCaller): Promise<string> {
    const year = this.terms.timetable.localDate(now).slice(0, 4);
    for (let attempt = 1; ; attempt++) {
      try {
        const handled = await this.numbers.handle(year, caller.context, (state) =>
          assignComplaintNumber(state, { complaintId, year, now }),
        );
        const number = complaintNumberOf(handled.state, complaintId);
        if (!number) throw new Error(`No complaint number was recorded for ${complaintId}`);
        return number;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= NUMBER_ATTEMPTS) throw error;
      }
    }
  }
}
