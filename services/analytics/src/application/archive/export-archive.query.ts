import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ArchivedCase } from '../../domain/case-archive';
import { customerLabel } from '../../domain/masking';
import { csvField } from '../../domain/quarterly-report';
import { ARCHIVE, Archive, ArchiveFilter } from '../ports';

export const ARCHIVE_CSV_COLUMNS = [
  'kind',
  'number',
  'policyNumber',
  'customer',
  'status',
  'outcome',
  'category',
  'channel',
  'productLine',
  'branch',
  'handlerId',
  'reasonCodes',
  'receivedAt',
  'acceptedAt',
  'decidedAt',
  'paidAt',
  'closedAt',
  'hoursToAcceptance',
  'hoursToDecision',
  'hoursToPayment',
  'hoursToClosure',
  'supplementaryRounds',
  'escalations',
  'paidMinor',
  'currency',
] as const;

export function archiveCsvLine(c: ArchivedCase): string {
  const values: (string | number | null | undefined)[] = [
    c.kind,
    c.number,
    c.policyNumber,
    customerLabel(c.customer),
    c.status,
    c.outcome,
    c.category,
    c.channel,
    c.productLine,
    c.branch,
    c.handlerId,
    c.reasonCodes.join(' '),
    c.receivedAt,
    c.milestones['accepted'],
    c.milestones['decided'],
    c.milestones['paid'],
    c.closedAt,
    c.durations['accepted'],
    c.durations['decided'],
    c.durations['paid'],
    c.durations['closed'],
    c.supplementaryRounds,
    c.escalations,
    c.paidMinor,
    c.currency,
  ];
  return values.map((v) => csvField(v === null || v === undefined ? '' : String(v))).join(',') + '\r\n';
}

/** The archive as CSV lines, read page by page so that an export of any size streams. */
export class ExportArchive extends Query<AsyncIterable<string>> {
  constructor(readonly filter: ArchiveFilter) {
    super();
  }
}

@QueryHandler(ExportArchive)
export class ExportArchiveHandler implements IQueryHandler<ExportArchive> {
  constructor(@Inject(ARCHIVE) private readonly archive: Archive) {}

  execute({ filter }: ExportArchive): Promise<AsyncIterable<string>> {
    const archive = this.archive;
    async function* lines() {
      yield ARCHIVE_CSV_COLUMNS.join(',') + '\r\n';
      for await (const c of archive.scan(filter, 200)) yield archiveCsvLine(c);
    }
    return Promise.resolve(lines());
  }
}
