import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { POLICY_STATUSES, PolicyStatus } from '../../domain/policy/policy';
import { PRODUCT_LINES, ProductLine } from '../../domain/vocabulary';
import { ID_PATTERN, ISO_DATE_PATTERN, MoneyDto, POLICY_NUMBER_PATTERN } from './money-and-ids.dto';

export class PolicyHolderDto {
  @ApiProperty({ example: 'cust-1001', description: 'Pseudonymous customer id' }) @Matches(ID_PATTERN) customerId: string;
  @ApiProperty({ example: 'Li Na' }) @IsString() @Length(1, 100) name: string;
  @ApiPropertyOptional({ example: '+86 138 0000 1001' }) @IsOptional() @IsString() @Length(3, 30) phone?: string;
}

export class InsuredPersonDto {
  @ApiProperty({ example: 'cust-1001' }) @Matches(ID_PATTERN) personId: string;
  @ApiProperty({ example: 'Li Na' }) @IsString() @Length(1, 100) name: string;
}

export class PolicyImportRequest {
  @ApiProperty({ example: 'MOT-2026-000101' }) @Matches(POLICY_NUMBER_PATTERN) policyNumber: string;
  @ApiProperty({ example: 1, description: 'Version from policy administration; imports are idempotent by number and version' })
  @IsInt()
  @Min(1)
  version: number;
  @ApiProperty({ enum: PRODUCT_LINES }) @IsIn(PRODUCT_LINES) productLine: ProductLine;
  @ApiProperty({ type: PolicyHolderDto }) @IsDefined() @ValidateNested() @Type(() => PolicyHolderDto) holder: PolicyHolderDto;
  @ApiProperty({ type: [InsuredPersonDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => InsuredPersonDto)
  insuredPersons: InsuredPersonDto[];
  @ApiProperty({ example: '2026-01-01' }) @Matches(ISO_DATE_PATTERN, { message: 'coverStart must be a date YYYY-MM-DD' }) coverStart: string;
  @ApiProperty({ example: '2026-12-31' }) @Matches(ISO_DATE_PATTERN, { message: 'coverEnd must be a date YYYY-MM-DD' }) coverEnd: string;
  @ApiProperty({ type: MoneyDto }) @IsDefined() @ValidateNested() @Type(() => MoneyDto) sumInsured: MoneyDto;
  @ApiProperty({ type: MoneyDto }) @IsDefined() @ValidateNested() @Type(() => MoneyDto) deductible: MoneyDto;
  @ApiProperty({ example: 100 }) @IsInt() @Min(0) @Max(100) coverageRatioPercent: number;
  @ApiProperty({ example: ['collision', 'theft'] }) @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) coveredPerils: string[];
  @ApiProperty({ example: ['drunk-driving'] }) @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) exclusions: string[];
  @ApiProperty({ enum: POLICY_STATUSES }) @IsIn(POLICY_STATUSES) status: PolicyStatus;
}

export class BulkPolicyImportRequest {
  @ApiProperty({ type: [PolicyImportRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PolicyImportRequest)
  policies: PolicyImportRequest[];
}

export class PolicyImportResultResponse {
  @ApiProperty() policyNumber: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['imported', 'already-imported', 'refused'] }) outcome: string;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() detail?: string;
}
