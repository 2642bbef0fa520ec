/**
 * Who may do what: the one permission matrix of the platform. Roles are the business's (see
 * DOMAIN.md); docs/security.md renders this table and a test keeps the two in step.
 */
export const ROLES = [
  'customer',
  'customer-service',
  'claims-acceptor',
  'claims-handler',
  'investigator',
  'approver',
  'manager',
  'analyst',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

const STAFF_READING_CLAIMS: readonly Role[] = [
  'customer-service',
  'claims-acceptor',
  'claims-handler',
  'investigator',
  'approver',
  'manager',
  'auditor',
];

export const PERMISSION_MATRIX = {
  'consultation.register': ['customer', 'customer-service'],
  'consultation.handle': ['customer-service'],
  'consultation.read': ['customer', 'customer-service', 'manager', 'auditor'],
  'policy.import': ['admin'],
  'policy.read': ['customer', ...STAFF_READING_CLAIMS],
  'claim.report': ['customer', 'customer-service'],
  'claim.submit': ['customer', 'customer-service'],
  'claim.read': ['customer', ...STAFF_READING_CLAIMS],
  'claim.accept': ['claims-acceptor'],
  'claim.assign': ['claims-acceptor', 'manager'],
  'claim.review': ['claims-handler'],
  'claim.investigate': ['investigator'],
  'claim.approve': ['approver', 'manager'],
  'claim.pay': ['claims-handler'],
  'claim.close': ['claims-handler'],
  'claim.reopen': ['manager'],
  'complaint.register': ['customer', 'customer-service'],
  'complaint.review': ['customer-service', 'manager'],
  'complaint.assign': ['manager'],
  'complaint.handle': ['customer-service', 'claims-handler', 'manager'],
  'complaint.approve': ['approver', 'manager'],
  'complaint.decide': ['manager'],
  'complaint.respond': ['customer'],
  'complaint.read': ['customer', 'customer-service', 'claims-handler', 'approver', 'manager', 'auditor'],
  'notification.inbox': ['customer'],
  'notification.preferences': ['customer', 'customer-service'],
  'notification.call': ['customer-service', 'claims-handler', 'manager'],
  'notification.read': ['customer-service', 'claims-handler', 'manager', 'auditor'],
  'report.read': ['analyst', 'manager', 'auditor'],
  'report.close': ['analyst', 'manager'],
  'archive.read': ['analyst', 'manager', 'auditor'],
  'timeline.read': ['auditor'],
  'history.read': ['auditor'],
  'audit-trail.read': ['auditor', 'admin'],
  'personal-data.forget': ['admin'],
  'dead-letter.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSION_MATRIX;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleMay(role: Role, permission: Permission): boolean {
  return (PERMISSION_MATRIX[permission] as readonly Role[]).includes(role);
}

/** The matrix as a Markdown table: roles as columns, permissions as rows. */
export function permissionMatrixMarkdown(): string {
  const header = `| permission | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = (Object.keys(PERMISSION_MATRIX) as Permission[]).map(
    (permission) =>
      `| \`${permission}\` | ${ROLES.map((role) => (roleMay(role, permission) ? '✔' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
