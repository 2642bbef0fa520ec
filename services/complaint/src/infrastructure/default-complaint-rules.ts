import { readFileSync } from 'node:fs';
import { ComplaintRules } from '../domain/complaint-rules';

const workingDays = (count: number) => ({ kind: 'working-days' as const, count });

/**
 * The rules the complaint service starts with; the business changes them as data: pass overrides
 * to `ComplaintModule.register({ rules })`, or point COMPLAINT_RULES_FILE at a JSON file with the
 * same shape (top-level keys replace the defaults). Amounts are CNY fen.
 */
export const DEFAULT_COMPLAINT_RULES: ComplaintRules = {
  currency: 'CNY',
  categories: [
    { code: 'claim-denied', label: 'Claim denied' },
    { code: 'payout-amount', label: 'Payout amount' },
    { code: 'delay', label: 'Delay' },
    { code: 'documents-demanded', label: 'Documents demanded' },
    { code: 'service-attitude', label: 'Service attitude' },
    { code: 'sales-practice', label: 'Sales practice' },
    { code: 'other', label: 'Other' },
  ],
  rootCauses: [
    { code: 'policy-wording-unclear', label: 'Policy wording unclear' },
    { code: 'process-delay', label: 'Process delay' },
    { code: 'staff-error', label: 'Staff error' },
    { code: 'communication-gap', label: 'Communication gap' },
    { code: 'sales-misrepresentation', label: 'Sales misrepresentation' },
    { code: 'customer-misunderstanding', label: 'Customer misunderstanding' },
    { code: 'system-fault', label: 'System fault' },
    { code: 'no-fault-found', label: 'No fault found' },
  ],
  riskFactors: [
    { code: 'regulator-transferred', label: 'Transferred by the regulator', weight: 5, major: true },
    { code: 'media', label: 'Media attention or threat of it', weight: 5, major: true },
    { code: 'group-complaint', label: 'Group complaint', weight: 4, major: true },
    { code: 'vulnerable-customer', label: 'Vulnerable customer', weight: 3 },
    { code: 'repeat-complaint', label: 'Complained before on the same matter', weight: 2 },
    { code: 'large-amount', label: 'Large amount at stake', weight: 2 },
  ],
  priorityFrom: { urgent: 5, high: 2 },
  authority: {
    handlerLimitMinor: 200_000, // CNY 2,000.00
    approvalLevels: [
      { level: 1, limitMinor: 2_000_000 }, // CNY 20,000.00
      { level: 2, limitMinor: null },
    ],
    approverLevels: { 'approver-senior-1': 2 },
  },
  timeLimits: {
    'initial-review': { kind: 'hours', count: 24 },
    investigation: workingDays(3),
    resolution: workingDays(7),
    're-evaluation': workingDays(7),
    regulatory: { kind: 'calendar-days', count: 15 },
  },
  regulatoryExtensions: [
    { totalDays: 30, grantedBy: 'handler' },
    { totalDays: 60, grantedBy: 'manager' },
  ],
  atRiskWithinHours: {
    'initial-review': 4,
    investigation: 24,
    resolution: 24,
    're-evaluation': 24,
    regulatory: 72,
  },
  externalRemedies: ['internal-review', 'mediation', 'arbitration', 'litigation'],
  maxGroupRepresentatives: 5,
};

/** The defaults, then the rules file named by COMPLAINT_RULES_FILE, then the given overrides. */
export function complaintRulesFrom(
  overrides: Partial<ComplaintRules> = {},
  file = process.env['COMPLAINT_RULES_FILE'],
): ComplaintRules {
  const fromFile = file ? (JSON.parse(readFileSync(file, 'utf-8')) as Partial<ComplaintRules>) : {};
  return { ...DEFAULT_COMPLAINT_RULES, ...fromFile, ...overrides };
}
