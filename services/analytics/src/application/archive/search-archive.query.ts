import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ArchivedCase } from '../../domain/case-archive';
import { ARCHIVE, Archive, ArchiveFilter, Page, PageRequest } from '../ports';

/** Analysts and auditors: archived claims and complaints by filter, the customer masked. */
export class SearchArchive extends Query<Page<ArchivedCase>> {
  constructor(
    readonly filter: ArchiveFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(SearchArchive)
export class SearchArchiveHandler implements IQueryHandler<SearchArchive> {
  constructor(@Inject(ARCHIVE) private readonly archive: Archive) {}

  execute({ filter, page }: SearchArchive): Promise<Page<ArchivedCase>> {
    return this.archive.search(filter, page);
  }
}
