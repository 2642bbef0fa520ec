import { EntityManager } from 'typeorm';
import { PolicyPaidTotal, ReviewCaseView } from '../../infrastructure/read-models';
import { Money } from '../../domain/money';

/** Open cases per handler: the workload part of the assignment rule. */
export async function openCasesByHandler(manager: EntityManager): Promise<Record<string, number>> {
  const rows = await manager
    .createQueryBuilder(ReviewCaseView, 'c')
    .select('c.handlerId', 'handlerId')
    .addSelect('COUNT(*)', 'open')
    .where('c.status != :closed AND c.handlerId IS NOT NULL', { closed: 'closed' })
    .groupBy('c.handlerId')
    .getRawMany<{ handlerId: string; open: string | number }>();
  return Object.fromEntries(rows.map((r) => [r.handlerId, Number(r.open)]));
}

/**
 * What other claims on the policy have been paid: the per-policy total fed by PaymentConfirmed,
 * less what this claim itself was paid (a reopened claim is not capped by its own payment).
 */
export async function paidOnPolicyByOtherClaims(manager: EntityManager, policyNumber: string, currency: string, claimId: string): Promise<Money> {
  const total = await manager.findOneBy(PolicyPaidTotal, { policyNumber });
  const own = await manager.findOneBy(ReviewCaseView, { claimId });
  return { amountMinor: (total?.paidMinor ?? 0) - (own?.paidMinor ?? 0), currency: total?.currency ?? currency };
}
