import { Inject, Injectable } from '@nestjs/common';
import { CommandContext, NotFoundRefusal } from '@claims/event-sourcing';
import { ReadModelProgress } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { ComplaintEvent } from '../domain/complaint/complaint.events';
import { ComplaintTerms } from '../domain/complaint/complaint.guards';
import { OpenedComplaint } from '../domain/complaint/complaint.state';
import { COMPLAINTS, COMPLAINT_READ_MODELS, COMPLAINT_TERMS, ComplaintHistories } from './ports';

/** What a staff or customer command answers: the complaint it changed and its stream revision. */
export interface ComplaintChanged {
  readonly complaintId: string;
  readonly revision: number | null;
  readonly events: readonly ComplaintEvent[];
}

export type DecideOnComplaint = (
  state: OpenedComplaint,
  now: Date,
  terms: ComplaintTerms,
) => readonly ComplaintEvent[] | Promise<readonly ComplaintEvent[]>;

/**
 * The shape of every command on an existing complaint: read its state (404 when there is none),
 * decide at the clock's time, append expecting the revision read (a concurrent change answers
 * 409), then wait until the read models show the change.
 */
@Injectable()
export class ComplaintDecisions {
  constructor(
    @Inject(COMPLAINTS) private readonly complaints: ComplaintHistories,
    @Inject(COMPLAINT_READ_MODELS) private readonly readModels: ReadModelProgress,
    @Inject(COMPLAINT_TERMS) private readonly terms: ComplaintTerms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async take(
    complaintId: string,
    context: CommandContext,
    decide: DecideOnComplaint,
    options: { readonly readYourWrites?: boolean } = {},
  ): Promise<ComplaintChanged> {
    const { state, revision } = await this.complaints.read(complaintId);
    if (state.status === 'none') throw new NotFoundRefusal(`There is no complaint ${complaintId}`);
    const events = await decide(state, this.clock.now(), this.terms);
    const appended = await this.complaints.append(complaintId, events, revision, context);
    if (options.readYourWrites !== false) await this.readModels.showing(appended);
    return { complaintId, events, revision: appended ? appended.nextExpectedRevision : revision };
  }
}
