import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** Integer minor units and an ISO 4217 currency: money never floats. */
export class MoneyDto {
  @ApiProperty({ example: 1250000, description: 'Integer minor units (fen, cents)' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountMinor: number;

  @ApiProperty({ example: 'CNY', description: 'ISO 4217 code' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code' })
  currency: string;
}

/** Ids in the API: letters, digits and . _ : - */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;
export const POLICY_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,39}$/;
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
