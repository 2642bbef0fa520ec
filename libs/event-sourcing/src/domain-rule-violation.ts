/**
 * A command refused by a business rule (HTTP 422). `code` is stable and machine-readable
 * (e.g. `policy-not-in-force`); `message` says why in plain words; `details` may list items
 * (e.g. the missing documents).
 */
export class DomainRuleViolation extends Error {
  override readonly name = 'DomainRuleViolation';
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
