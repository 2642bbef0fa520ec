import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainRuleViolation } from '@claims/event-sourcing';
import { CurrentPrincipal, CurrentScope, Principal, RequestScope, RequirePermission, commandContextOf } from '@claims/service-host';
import { Response } from 'express';
import { ImportPolicies, PolicyImportResult } from '../application/commands/import-policies';
import { GetPolicy } from '../application/queries/case-queries';
import { BulkPolicyImportRequest, PolicyImportRequest, PolicyImportResultResponse } from './dto/policy.dto';

const examplePolicy = {
  policyNumber: 'MOT-2026-000101',
  version: 1,
  productLine: 'motor',
  holder: { customerId: 'cust-2001', name: 'Sun Li', phone: '+86 138 0000 2001' },
  insuredPersons: [{ personId: 'cust-2001', name: 'Sun Li' }],
  coverStart: '2026-01-01',
  coverEnd: '2026-12-31',
  sumInsured: { amountMinor: 50000000, currency: 'CNY' },
  deductible: { amountMinor: 100000, currency: 'CNY' },
  coverageRatioPercent: 100,
  coveredPerils: ['collision', 'theft'],
  exclusions: ['drunk-driving'],
  status: 'in-force',
};

@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
export class PoliciesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequirePermission('policy.import')
  @ApiOperation({ summary: 'Import one policy snapshot (idempotent by policy number and version): 201 imported, 200 already there' })
  @ApiBody({ type: PolicyImportRequest, examples: { motor: { value: examplePolicy } } })
  @ApiOkResponse({ type: PolicyImportResultResponse })
  async importOne(
    @Body() body: PolicyImportRequest,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: RequestScope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PolicyImportResult> {
    const [result] = await this.commands.execute<ImportPolicies, PolicyImportResult[]>(new ImportPolicies([body], commandContextOf(principal, scope)));
    if (result.outcome === 'refused') throw new DomainRuleViolation(result.code, result.detail, { policyNumber: result.policyNumber });
    if (result.outcome === 'already-imported') response.status(200);
    return result;
  }

  @Post('bulk')
  @RequirePermission('policy.import')
  @ApiOperation({ summary: 'Import many policy snapshots; each gets its own outcome (imported, already-imported or refused)' })
  @ApiBody({ type: BulkPolicyImportRequest, examples: { two: { value: { policies: [examplePolicy, { ...examplePolicy, policyNumber: 'MOT-2026-000102' }] } } } })
  @ApiOkResponse({ type: [PolicyImportResultResponse] })
  importMany(@Body() body: BulkPolicyImportRequest, @CurrentPrincipal() principal: Principal, @CurrentScope() scope: RequestScope) {
    return this.commands.execute(new ImportPolicies(body.policies, commandContextOf(principal, scope)));
  }

  @Get(':policyNumber')
  @RequirePermission('policy.read')
  @ApiOperation({ summary: 'The current policy snapshot (customers: their own policies only)' })
  find(@Param('policyNumber') policyNumber: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetPolicy(policyNumber, principal));
  }
}
