import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { PersonalDataVault } from '@claims/event-sourcing';
import { LoggerService } from '@nestjs/common';
import { CurrentPrincipal, CurrentScope, RequirePermission } from './auth.guard';
import { AUDIT_LOGGER } from './command-audit';
import { Principal, RequestScope } from './principal';

export const PERSONAL_DATA_VAULT = Symbol('PERSONAL_DATA_VAULT');
export const FORGET_REASONS = ['customer-request', 'retention-period-ended', 'legal-order'] as const;

export class ForgetDataSubjectRequest {
  /** The pseudonymous id the personal data was sealed under (a customer id). */
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/)
  subjectId: string;

  @IsIn(FORGET_REASONS)
  reason: (typeof FORGET_REASONS)[number];
}

/**
 * "Forget customer X": destroys the subject's personal-data key. Every sealed field of X in
 * every history then reads as erased; read models that copied them must be rebuilt. The
 * request itself is in the command audit trail (who, when, role, correlation id).
 */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('personal-data/forget-requests')
export class ForgetDataSubjectController {
  constructor(
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(AUDIT_LOGGER) private readonly logger: LoggerService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Admins: forget a data subject (destroys their key; their personal data reads as erased)',
  })
  @HttpCode(204)
  @RequirePermission('personal-data.forget')
  @ApiNoContentResponse({
    description: 'The key is destroyed; the subject’s sealed personal data reads as erased',
  })
  async forget(
    @Body() request: ForgetDataSubjectRequest,
    @CurrentPrincipal() by: Principal,
    @CurrentScope() scope: RequestScope,
  ): Promise<void> {
    await this.vault.forget(request.subjectId);
    this.logger.log(
      {
        msg: 'data subject forgotten',
        subjectId: request.subjectId,
        reason: request.reason,
        by: by.userId,
        correlationId: scope.correlationId,
      },
      'personal-data',
    );
  }
}
