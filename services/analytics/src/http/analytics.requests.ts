import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '@claims/service-host';

const CODE = /^[a-z0-9][a-z0-9-]{0,59}$/;
const NUMBER = /^[A-Z]{3}-[0-9]{4}-[0-9]{6}$/;
const POLICY = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/;
const INSTANT_OR_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The archive's filters, the same for the paged list and the CSV export. */
export class ArchiveFilterQuery {
  @ApiPropertyOptional({ enum: ['claim', 'complaint'] })
  @IsOptional()
  @IsIn(['claim', 'complaint'])
  kind?: 'claim' | 'complaint';

  @ApiPropertyOptional({ example: 'CLM-2026-000123', description: 'A claim or complaint number' })
  @IsOptional()
  @Matches(NUMBER, { message: 'number must be like CLM-2026-000123 or CMP-2026-000045' })
  number?: string;

  @ApiPropertyOptional({ example: 'POL-MOTOR-0001' })
  @IsOptional()
  @Matches(POLICY, { message: 'policyNumber must be a policy number' })
  policyNumber?: string;

  @ApiPropertyOptional({ description: 'Received on or after (date or instant)', example: '2026-01-01' })
  @IsOptional()
  @Matches(INSTANT_OR_DATE, { message: 'from must be a date or an ISO 8601 instant' })
  from?: string;

  @ApiPropertyOptional({ description: 'Received before (date or instant)', example: '2026-04-01' })
  @IsOptional()
  @Matches(INSTANT_OR_DATE, { message: 'to must be a date or an ISO 8601 instant' })
  to?: string;

  @ApiPropertyOptional({ example: 'closed' })
  @IsOptional()
  @Matches(CODE, { message: 'status must be a status code' })
  status?: string;

  @ApiPropertyOptional({ example: 'denied' })
  @IsOptional()
  @Matches(CODE, { message: 'outcome must be an outcome code' })
  outcome?: string;

  @ApiPropertyOptional({
    example: 'claim-decision',
    description: "A complaint's category or a claim's kind of loss",
  })
  @IsOptional()
  @Matches(CODE, { message: 'category must be a category code' })
  category?: string;

  @ApiPropertyOptional({ example: 'hotline' })
  @IsOptional()
  @Matches(CODE, { message: 'channel must be a channel code' })
  channel?: string;

  @ApiPropertyOptional({ enum: ['motor', 'health-accident', 'property'] })
  @IsOptional()
  @IsIn(['motor', 'health-accident', 'property'])
  productLine?: string;
}

export class ArchiveListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['claim', 'complaint'] })
  @IsOptional()
  @IsIn(['claim', 'complaint'])
  kind?: 'claim' | 'complaint';

  @ApiPropertyOptional({ example: 'CLM-2026-000123' })
  @IsOptional()
  @Matches(NUMBER, { message: 'number must be like CLM-2026-000123 or CMP-2026-000045' })
  number?: string;

  @ApiPropertyOptional({ example: 'POL-MOTOR-0001' })
  @IsOptional()
  @Matches(POLICY, { message: 'policyNumber must be a policy number' })
  policyNumber?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @Matches(INSTANT_OR_DATE, { message: 'from must be a date or an ISO 8601 instant' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-04-01' })
  @IsOptional()
  @Matches(INSTANT_OR_DATE, { message: 'to must be a date or an ISO 8601 instant' })
  to?: string;

  @ApiPropertyOptional({ example: 'closed' })
  @IsOptional()
  @Matches(CODE, { message: 'status must be a status code' })
  status?: string;

  @ApiPropertyOptional({ example: 'denied' })
  @IsOptional()
  @Matches(CODE, { message: 'outcome must be an outcome code' })
  outcome?: string;

  @ApiPropertyOptional({ example: 'claim-decision' })
  @IsOptional()
  @Matches(CODE, { message: 'category must be a category code' })
  category?: string;

  @ApiPropertyOptional({ example: 'hotline' })
  @IsOptional()
  @Matches(CODE, { message: 'channel must be a channel code' })
  channel?: string;

  @ApiPropertyOptional({ enum: ['motor', 'health-accident', 'property'] })
  @IsOptional()
  @IsIn(['motor', 'health-accident', 'property'])
  productLine?: string;
}

export class ReportQuery {
  @ApiPropertyOptional({
    description:
      'Recompute at these positions (the `basis.positions` of an earlier report, as base64url JSON); default: everything received, or the frozen report of a closed quarter',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,4000}$/, { message: 'positions must be base64url JSON' })
  positions?: string;
}
