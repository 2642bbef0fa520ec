import { ApiProperty } from '@nestjs/swagger';

/** Money in an answer: integer minor units and an ISO 4217 currency (requests use the host's MoneyRequest). */
export class IntakeMoney {
  @ApiProperty({
    type: 'integer',
    example: 1250000,
    description: 'Integer minor units (fen, cents)',
    minimum: 0,
  })
  amountMinor: number;

  @ApiProperty({ example: 'CNY', description: 'ISO 4217 currency code', pattern: '^[A-Z]{3}$' })
  currency: string;
}

/** Ids in the API: letters, digits and . _ : - */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;
export const POLICY_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,39}$/;
/** Codes of causes, perils, exclusions, topics and document kinds: lower-case words joined by hyphens. */
export const CODE_PATTERN = /^[a-z0-9-]{2,60}$/;
export const PHONE_PATTERN = /^\+?[0-9 ()-]{5,30}$/;
