/** The catalogue of reasons a claim may be denied for; a denial cites one or more. */
export const DENIAL_REASONS = {
  'not-covered': 'The cause of the loss is not a peril the policy covers',
  exclusion: 'The loss falls under an exclusion of the policy',
  'policy-not-in-force': 'The policy was not in force on the accident date',
  misrepresentation: 'Material facts were misrepresented when the policy was taken out or the claim was made',
  fraud: 'The claim was found to be fraudulent',
  'insufficient-evidence': 'The documents supplied do not prove the loss',
  'below-deductible': 'The assessed loss does not exceed the deductible',
  'limit-exhausted': 'The sum insured has been used up by earlier claims',
  'late-notification': 'The loss was reported after the period the policy allows',
} as const;

export type DenialReason = keyof typeof DENIAL_REASONS;

export function isDenialReason(value: string): value is DenialReason {
  return value in DENIAL_REASONS;
}
