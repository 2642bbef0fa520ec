import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, CommandContext, DomainRuleViolation, eventIdFor } from '@claims/event-sourcing';
import { ImportOutcome, Policy, PolicyImport } from '../../domain/policy/policy';
import { POLICIES } from '../../infrastructure/repositories/intake-repositories';

/** Imports policy snapshots from policy administration, idempotently by policy number and version. */
export class ImportPolicies {
  constructor(readonly policies: readonly PolicyImport[], readonly context: CommandContext) {}
}

export type PolicyImportResult =
  | { readonly policyNumber: string; readonly version: number; readonly outcome: ImportOutcome }
  | { readonly policyNumber: string; readonly version: number; readonly outcome: 'refused'; readonly code: string; readonly detail: string };

@CommandHandler(ImportPolicies)
export class ImportPoliciesHandler implements ICommandHandler<ImportPolicies, PolicyImportResult[]> {
  constructor(@Inject(POLICIES) private readonly policies: AggregateRepository<Policy>) {}

  async execute({ policies, context }: ImportPolicies): Promise<PolicyImportResult[]> {
    const results: PolicyImportResult[] = [];
    for (const policy of policies) results.push(await this.importOne(policy, context));
    return results;
  }

  private async importOne(snapshot: PolicyImport, context: CommandContext): Promise<PolicyImportResult> {
    const { policyNumber, version } = snapshot;
    try {
      const policy = (await this.policies.find(policyNumber)) ?? new Policy(policyNumber);
      const outcome = policy.importSnapshot(snapshot);
      // One command imports many policies: each stream's events get ids of their own.
      const perPolicy = { ...context, causationId: eventIdFor(context.causationId ?? '', `${policyNumber}@${version}`, 0) };
      await this.policies.save(policy, perPolicy);
      return { policyNumber, version, outcome };
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      return { policyNumber, version, outcome: 'refused', code: error.code, detail: error.message };
    }
  }
}
