/**
 * `npm run token -- --role <role> [--sub <user-id>] [--customer <customer-id>] [--expires 8h]`
 * prints a bearer token that the embedded platform using the same DATA_DIR accepts, or, with
 * AUTH_JWT_SECRET exported, a platform on that secret (the distributed one: start:distributed
 * prints the export line).
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROLES,
  embeddedSecretFile,
  hasSharedSecret,
  issueToken,
  isRole,
  loadPlatformConfig,
} from '@claims/service-host';

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
  if (values.role === 'customer' && !values.customer)
    throw new Error('--customer <customer-id> is required for --role customer');
  const config = loadPlatformConfig();
  if (!hasSharedSecret(config)) {
    const distributed = resolve(__dirname, '../distributed/.state/secrets/auth-jwt-secret');
    throw new Error(
      `No platform secret at ${embeddedSecretFile(config)}: start the platform first (npm start), ` +
        'or set DATA_DIR to the data directory it runs on, or AUTH_JWT_SECRET to its secret' +
        (existsSync(distributed)
          ? `; for the distributed platform (npm run start:distributed): export AUTH_JWT_SECRET="$(cat ${relative(process.cwd(), distributed)})"`
          : ''),
    );
  }
  const token = await issueToken(config, {
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
