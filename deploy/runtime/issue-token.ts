/**
 * `npm run token -- --role <role> [--sub <user-id>] [--customer <customer-id>] [--expires 8h]`
 * prints a bearer token that the embedded platform using the same DATA_DIR accepts.
 */
import { parseArgs } from 'node:util';
import { ROLES, issueToken, isRole, loadPlatformConfig } from '@claims/service-host';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      customer: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  if (!isRole(values.role)) throw new Error(`--role must be one of: ${ROLES.join(', ')}`);
  if (values.role === 'customer' && !values.customer) throw new Error('--customer <customer-id> is required for --role customer');
  const token = await issueToken(loadPlatformConfig(), {
    role: values.role,
    subject: values.sub ?? `${values.role}-1`,
    customerId: values.customer,
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
