import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { DomainRuleViolation } from '@claims/event-sourcing';
import { Caller, CurrentCaller, RequirePermission } from '@claims/service-host';
import { Response } from 'express';
import { GetPolicy } from '../application/policies/get-policy.query';
import { ImportPolicies } from '../application/policies/import-policies.command';
import { PolicyView } from '../application/policies/policy.view';
import { ImportOutcome } from '../domain/policy/import-policy-snapshot';
import {
  BulkPolicyImportRequest,
  ImportedPolicyResponse,
  PolicyImportRequest,
  PolicyImportResultResponse,
  PolicyResponse,
} from './dto/policy.dto';
import { POLICY_NUMBER_PATTERN } from './dto/money-and-ids.dto';
import { PolicyNumberPipe } from './path-parameters';

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
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission('policy.import')
  @ApiOperation({
    summary: 'Import one policy snapshot, idempotently by policy number and version',
    description:
      'Answers with the policy as GET shows it and the outcome: 201 imported, 200 already there. An older ' +
      'version, or the same version with other content, is refused (422 `policy-version-outdated`, ' +
      '`policy-version-conflict`), as is an inconsistent one (`cover-period-invalid`, `policy-currency-mixed`).',
  })
  @ApiBody({ type: PolicyImportRequest, examples: { motor: { value: examplePolicy } } })
  @ApiCreatedResponse({ type: ImportedPolicyResponse, description: 'Imported (outcome `imported`)' })
  @ApiOkResponse({
    type: ImportedPolicyResponse,
    description: 'This version was already there (outcome `already-imported`)',
  })
  async importOne(
    @Body() body: PolicyImportRequest,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PolicyView & { outcome: ImportOutcome }> {
    const [result] = await this.commands.execute(new ImportPolicies({ policies: [body] }, caller));
    if (result.outcome === 'refused')
      throw new DomainRuleViolation(result.code, result.detail, { policyNumber: result.policyNumber });
    if (result.outcome === 'already-imported') response.status(200);
    const policy = await this.queries.execute(new GetPolicy(body.policyNumber, caller.principal));
    return { ...policy, outcome: result.outcome };
  }

  @Post('bulk')
  @RequirePermission('policy.import')
  @ApiOperation({
    summary: 'Import many policy snapshots (at most 500); each gets its own outcome',
    description:
      'Answers 201 with one result per policy, in order: imported, already-imported, or refused with the ' +
      'rule’s code and detail (a refused policy does not stop the others).',
  })
  @ApiBody({
    type: BulkPolicyImportRequest,
    examples: {
      two: { value: { policies: [examplePolicy, { ...examplePolicy, policyNumber: 'MOT-2026-000102' }] } },
    },
  })
  @ApiCreatedResponse({ type: [PolicyImportResultResponse], description: 'One result per policy, in order' })
  importMany(@Body() body: BulkPolicyImportRequest, @CurrentCaller() caller: Caller) {
    return this.commands.execute(new ImportPolicies(body, caller));
  }

  @Get(':policyNumber')
  @RequirePermission('policy.read')
  @ApiOperation({
    summary: 'The current policy snapshot: cover, limits, holder and insured persons',
    description: 'A customer reads their own policies only (another’s is 404).',
  })
  @ApiParam({
    name: 'policyNumber',
    description: 'The policy number',
    schema: { type: 'string', pattern: POLICY_NUMBER_PATTERN.source, example: 'MOT-2026-000001' },
  })
  @ApiOkResponse({ type: PolicyResponse, description: 'The policy' })
  find(@Param('policyNumber', PolicyNumberPipe) policyNumber: string, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new GetPolicy(policyNumber, caller.principal));
  }
}
