import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsCalendarDate, IsPlainText, MoneyRequest } from '@claims/service-host';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { POLICY_STATUSES, PolicyStatus } from '../../domain/policy/policy.events';
import { PRODUCT_LINES, ProductLine } from '../../domain/vocabulary';
import {
  CODE_PATTERN,
  ID_PATTERN,
  IntakeMoney,
  PHONE_PATTERN,
  POLICY_NUMBER_PATTERN,
} from './money-and-ids.dto';

export class PolicyHolderDto {
  @ApiProperty({ example: 'cust-1001', description: 'Pseudonymous customer id', pattern: ID_PATTERN.source })
  @Matches(ID_PATTERN, { message: 'customerId must be an id (letters, digits, . _ : -)' })
  customerId: string;

  @ApiProperty({ example: 'Li Na', maxLength: 100 })
  @IsPlainText(100)
  name: string;

  @ApiPropertyOptional({ example: '+86 138 0000 1001', pattern: PHONE_PATTERN.source })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'phone must be a phone number' })
  phone?: string;
}

export class InsuredPersonDto {
  @ApiProperty({ example: 'cust-1001', pattern: ID_PATTERN.source })
  @Matches(ID_PATTERN, { message: 'personId must be an id (letters, digits, . _ : -)' })
  personId: string;

  @ApiProperty({ example: 'Li Na', maxLength: 100 })
  @IsPlainText(100)
  name: string;
}

export class PolicyImportRequest {
  @ApiProperty({ example: 'MOT-2026-000101', pattern: POLICY_NUMBER_PATTERN.source })
  @Matches(POLICY_NUMBER_PATTERN, { message: 'policyNumber must be upper-case letters, digits and hyphens' })
  policyNumber: string;

  @ApiProperty({
    type: 'integer',
    example: 1,
    minimum: 1,
    description: 'Version from policy administration; imports are idempotent by number and version',
  })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version: number;

  @ApiProperty({ enum: PRODUCT_LINES, example: 'motor' })
  @IsIn(PRODUCT_LINES)
  productLine: ProductLine;

  @ApiProperty({ type: PolicyHolderDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => PolicyHolderDto)
  holder: PolicyHolderDto;

  @ApiProperty({ type: [InsuredPersonDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => InsuredPersonDto)
  insuredPersons: InsuredPersonDto[];

  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'First day of cover (inclusive)' })
  @IsCalendarDate()
  coverStart: string;

  @ApiProperty({ format: 'date', example: '2026-12-31', description: 'Last day of cover (inclusive)' })
  @IsCalendarDate()
  coverEnd: string;

  @ApiProperty({ type: MoneyRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyRequest)
  sumInsured: MoneyRequest;

  @ApiProperty({ type: MoneyRequest, description: 'In the currency of the sum insured' })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyRequest)
  deductible: MoneyRequest;

  @ApiProperty({ type: 'integer', example: 100, minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  coverageRatioPercent: number;

  @ApiProperty({ type: [String], example: ['collision', 'theft'], maxItems: 100, description: 'Peril codes' })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(CODE_PATTERN, { each: true, message: 'each peril must be a code (lower-case words and hyphens)' })
  coveredPerils: string[];

  @ApiProperty({ type: [String], example: ['drunk-driving'], maxItems: 100, description: 'Exclusion codes' })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(CODE_PATTERN, {
    each: true,
    message: 'each exclusion must be a code (lower-case words and hyphens)',
  })
  exclusions: string[];

  @ApiProperty({ enum: POLICY_STATUSES, example: 'in-force' })
  @IsIn(POLICY_STATUSES)
  status: PolicyStatus;
}

export class BulkPolicyImportRequest {
  @ApiProperty({ type: [PolicyImportRequest], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PolicyImportRequest)
  policies: PolicyImportRequest[];
}

export class PolicyHolderResponse {
  @ApiProperty({ example: 'cust-1001' }) customerId: string;
  @ApiProperty({ example: 'Li Na' }) name: string;
  @ApiProperty({ example: '+86 138 0000 1001', description: 'Empty when not known' }) phone: string;
}

export class InsuredPersonResponse {
  @ApiProperty({ example: 'cust-1001' }) personId: string;
  @ApiProperty({ example: 'Li Na' }) name: string;
}

/** A policy as GET /policies/{policyNumber} shows it (a customer: their own policies only). */
export class PolicyResponse {
  @ApiProperty({ example: 'MOT-2026-000101' }) policyNumber: string;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty({ enum: PRODUCT_LINES }) productLine: string;
  @ApiProperty({ type: PolicyHolderResponse }) holder: PolicyHolderResponse;
  @ApiProperty({ type: [InsuredPersonResponse] }) insuredPersons: InsuredPersonResponse[];
  @ApiProperty({ format: 'date', example: '2026-01-01' }) coverStart: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) coverEnd: string;
  @ApiProperty({ type: IntakeMoney }) sumInsured: IntakeMoney;
  @ApiProperty({ type: IntakeMoney }) deductible: IntakeMoney;
  @ApiProperty({ type: 'integer', example: 100 }) coverageRatioPercent: number;
  @ApiProperty({ type: [String], example: ['collision', 'theft'] }) coveredPerils: string[];
  @ApiProperty({ type: [String], example: ['drunk-driving'] }) exclusions: string[];
  @ApiProperty({ enum: POLICY_STATUSES }) status: string;
}

/** The policy after a single import, and what the import did. */
export class ImportedPolicyResponse extends PolicyResponse {
  @ApiProperty({ enum: ['imported', 'already-imported'], description: '201 imported, 200 already there' })
  outcome: string;
}

export class PolicyImportResultResponse {
  @ApiProperty({ example: 'MOT-2026-000101' }) policyNumber: string;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty({ enum: ['imported', 'already-imported', 'refused'] }) outcome: string;
  @ApiPropertyOptional({
    example: 'policy-version-conflict',
    description: 'The rule that refused it (refused only)',
  })
  code?: string;
  @ApiPropertyOptional({ description: 'Why it was refused (refused only)' }) detail?: string;
}
