import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { POLICY_STATUSES, PRODUCT_LINES, SubmittedClaim, SubmittedDocument } from '../domain/claim-facts';

/** Money as it travels: integer minor units and an ISO 4217 code. */
export class MoneyMessage {
  @IsInt() @Min(0) amountMinor: number;
  @Matches(/^[A-Z]{3}$/) currency: string;
}

export class DocumentMessage {
  @IsString() documentId: string;
  @IsString() kind: string;
  @IsString() contentHash: string;
  @IsString() mediaType: string;
  @IsInt() @Min(0) sizeBytes: number;
}

class PolicySnapshotMessage {
  @IsString() policyNumber: string;
  @IsIn(PRODUCT_LINES) productLine: (typeof PRODUCT_LINES)[number];
  @Matches(/^\d{4}-\d{2}-\d{2}$/) coverStart: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) coverEnd: string;
  @IsDefined() @ValidateNested() @Type(() => MoneyMessage) sumInsured: MoneyMessage;
  @IsDefined() @ValidateNested() @Type(() => MoneyMessage) deductible: MoneyMessage;
  @IsInt() @Min(0) @Max(100) coverageRatioPercent: number;
  @IsArray() @IsString({ each: true }) coveredPerils: string[];
  @IsArray() @IsString({ each: true }) exclusions: string[];
  @IsIn(POLICY_STATUSES) status: (typeof POLICY_STATUSES)[number];
}

class AccidentMessage {
  @IsISO8601() occurredAt: string;
  @IsString() cause: string;
  @IsString() lossKind: string;
}

/** `ClaimSubmitted` v1 from intake (docs/event-catalogue.md); personalData is read separately, sealed. */
export class ClaimSubmittedV1 implements SubmittedClaim {
  @IsString() claimId: string;
  @IsString() claimNumber: string;
  @IsString() customerId: string;
  @IsString() channel: string;
  @IsString() feedbackChannel: string;
  @IsDefined() @ValidateNested() @Type(() => PolicySnapshotMessage) policy: PolicySnapshotMessage;
  @IsDefined() @ValidateNested() @Type(() => AccidentMessage) accident: AccidentMessage;
  @IsDefined() @ValidateNested() @Type(() => MoneyMessage) estimatedLoss: MoneyMessage;
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DocumentMessage)
  documents: DocumentMessage[];
  @IsISO8601() submittedAt: string;
}

/** `SupplementaryDocumentsProvided` v1 from intake. */
export class SupplementaryDocumentsProvidedV1 {
  @IsString() claimId: string;
  @IsString() claimNumber: string;
  @IsInt() @Min(1) round: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => DocumentMessage) documents: SubmittedDocument[];
  @IsISO8601() providedAt: string;
}

/** Reads a message's data into its class, or throws naming the invalid fields (the message then goes to dead letters). */
export function readMessage<T extends object>(type: new () => T, data: unknown): T {
  const { personalData: _sealed, ...plain } = (data ?? {}) as Record<string, unknown>;
  const message = plainToInstance(type, plain, { excludeExtraneousValues: false });
  const problems = validateSync(message, { whitelist: true });
  if (problems.length)
    throw new Error(`${type.name} is invalid: ${problems.map((p) => p.property).join(', ')}`);
  return message;
}
