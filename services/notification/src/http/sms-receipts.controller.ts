import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundRefusal } from '@claims/event-sourcing';
import { Public, systemCaller } from '@claims/service-host';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { RecordDeliveryReceipt } from '../application/receipts/record-delivery-receipt';
import { SMS_RECEIPT_SECRET } from '../application/ports';
import { smsReceiptSignature } from '../infrastructure/channels/http-sms-gateway';

export class SmsReceiptRequest {
  @ApiProperty({ description: 'Our idempotency key, sent as outId' })
  @IsString()
  @MaxLength(120)
  outId: string;
  @ApiProperty() @IsString() @MaxLength(200) bizId: string;
  @ApiProperty({ enum: ['DELIVERED', 'FAILED'] }) @IsIn(['DELIVERED', 'FAILED']) status:
    'DELIVERED' | 'FAILED';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) errCode?: string;
  @ApiProperty({ description: 'ISO instant the gateway signed at' })
  @IsString()
  @MaxLength(40)
  timestamp: string;
}

/**
 * The SMS gateway's delivery receipts. No bearer token (the gateway has none): the request is
 * signed with the gateway's secret, base64 HMAC-SHA256 over `outId\nbizId\nstatus\ntimestamp`,
 * in `x-sms-signature`. Without a configured gateway there is nothing to receive (404).
 */
@ApiTags('notification')
@Controller('notification/sms-receipts')
export class SmsReceiptsController {
  constructor(
    @Inject(SMS_RECEIPT_SECRET) private readonly secret: string | null,
    private readonly receipts: RecordDeliveryReceipt,
  ) {}

  @Post()
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'SMS gateway: a delivery receipt (signed with the gateway secret)' })
  async receive(
    @Body() body: SmsReceiptRequest,
    @Headers('x-sms-signature') signature?: string,
  ): Promise<void> {
    if (!this.secret) throw new NotFoundRefusal('No SMS gateway is configured');
    const expected = Buffer.from(
      smsReceiptSignature(this.secret, body.outId, body.bizId, body.status, body.timestamp),
    );
    const given = Buffer.from(signature ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new NotFoundRefusal('Unknown receipt'); // never tell a forger what was wrong
    await this.receipts.execute(
      {
        idempotencyKey: body.outId,
        providerMessageId: body.bizId,
        delivered: body.status === 'DELIVERED',
        reason: body.errCode,
      },
      systemCaller('notification.sms-receipts', randomUUID(), null).context,
    );
  }
}
