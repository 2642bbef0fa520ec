import { IsISO8601, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** The complaint service's ClaimReexaminationRequested v1 (docs/event-catalogue.md, "complaint"). */
export class ClaimReexaminationRequestedV1 {
  @IsUUID() complaintId: string;
  @Matches(/^CMP-\d{4}-\d{6}$/) complaintNumber: string;
  @Matches(/^CLM-\d{4}-\d{6}$/) claimNumber: string;
  @IsString() @MaxLength(6000) reason: string;
  @IsISO8601() requestedAt: string;
}
