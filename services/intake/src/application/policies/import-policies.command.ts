import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, DomainRuleViolation, eventIdFor } from '@claims/event-sourcing';
import { Caller } from '@claims/service-host';
import {
  ImportOutcome,
  PolicyImport,
  importOutcome,
  importPolicySnapshot,
} from '../../domain/policy/import-policy-snapshot';
import { CLOCK, Clock, POLICIES, Policies } from '../ports';

export type PolicyImportResult =
  | { readonly policyNumber: string; readonly version: number; readonly outcome: ImportOutcome }
  | {
      readonly policyNumber: string;
      readonly version: number;
      readonly outcome: 'refused';
      readonly code: string;
      readonly detail: string;
    };

/**
 * Imports policy snapshots from policy administration, idempotently by policy number and version;
 * each gets its own outcome. Also run by the platform itself (demo policies): a caller with a
 * command context only.
 */
export class ImportPolicies extends Command<PolicyImportResult[]> {
  constructor(
    readonly input: { readonly policies: readonly PolicyImport[] },
    readonly caller: Pick<Caller, 'context'>,
  ) {
    super();
  }
}

@CommandHandler(ImportPolicies)
export class ImportPoliciesHandler implements ICommandHandler<ImportPolicies> {
  constructor(
    @Inject(POLICIES) private readonly policies: Policies,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, caller }: ImportPolicies): Promise<PolicyImportResult[]> {
    const results: PolicyImportResult[] = [];
    for (const policy of input.policies) results.push(await this.importOne(policy, caller.context));
    return results;
  }

  private async importOne(policy: PolicyImport, context: CommandContext): Promise<PolicyImportResult> {
    const { policyNumber, version } = policy;
    // One command imports many policies: each stream's events get ids of their own.
    const perPolicy = {
      ...context,
      causationId: eventIdFor(context.causationId ?? '', `${policyNumber}@${version}`, 0),
    };
    try {
      const now = this.clock.now();
      const handled = await this.policies.handle(policyNumber, perPolicy, (state) =>
        importPolicySnapshot(state, { policy, now }),
      );
      return { policyNumber, version, outcome: importOutcome(handled.events) };
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      return { policyNumber, version, outcome: 'refused', code: error.code, detail: error.message };
    }
  }
}
