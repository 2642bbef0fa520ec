import { readFileSync } from 'node:fs';
import { ClaimsReviewRules } from '../domain/review-rules';

const workingDays = (count: number) => ({ kind: 'working-days' as const, count });

/**
 * The rules claims review starts with; the business changes them as data: pass overrides to
 * `ClaimsReviewModule.register({ rules })`, or point CLAIMS_REVIEW_RULES_FILE at a JSON file
 * with the same shape (top-level keys replace the defaults). Amounts are CNY fen.
 */
export const DEFAULT_REVIEW_RULES: ClaimsReviewRules = {
  currency: 'CNY',
  assignment: [
    {
      name: 'large losses',
      minEstimatedLossMinor: 10_000_000,
      handlers: ['handler-senior-1', 'handler-senior-2'],
    },
    { name: 'motor', productLines: ['motor'], handlers: ['handler-motor-1', 'handler-motor-2'] },
    {
      name: 'health and accident',
      productLines: ['health-accident'],
      handlers: ['handler-health-1', 'handler-health-2'],
    },
    { name: 'property', productLines: ['property'], handlers: ['handler-property-1', 'handler-property-2'] },
  ],
  authority: {
    handlerLimitMinor: 1_000_000, // CNY 10,000.00
    approvalLevels: [
      { level: 1, limitMinor: 10_000_000 }, // CNY 100,000.00
      { level: 2, limitMinor: null },
    ],
    approverLevels: { 'approver-senior-1': 2 },
  },
  fastTrack: { enabled: true, limitMinor: 300_000, productLines: ['motor', 'health-accident', 'property'] }, // CNY 3,000.00
  requiredDocuments: {
    motor: ['accident-report', 'scene-photos', 'repair-estimate', 'driving-licence'],
    'health-accident': ['medical-record', 'diagnosis', 'invoice', 'discharge-summary'],
    property: ['loss-inventory', 'proof-of-ownership', 'photos'],
  },
  timeLimits: {
    acceptance: workingDays(1),
    review: workingDays(5),
    investigation: workingDays(10),
    'approval-level-1': workingDays(2),
    'approval-level-2': workingDays(3),
    payment: workingDays(3),
    closure: workingDays(2),
    'customer-documents': workingDays(10),
  },
  atRiskWithinHours: 24,
  paymentArrivalWorkingDays: 2,
  timeLimitCheckIntervalMs: 15 * 60_000,
};

/** The defaults, then the rules file named by CLAIMS_REVIEW_RULES_FILE, then the given overrides. */
export function reviewRulesFrom(
  overrides: Partial<ClaimsReviewRules> = {},
  file = process.env['CLAIMS_REVIEW_RULES_FILE'],
): ClaimsReviewRules {
  const fromFile = file ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<ClaimsReviewRules>) : {};
  return { ...DEFAULT_REVIEW_RULES, ...fromFile, ...overrides };
}
