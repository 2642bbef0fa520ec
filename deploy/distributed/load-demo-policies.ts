/**
 * Loads intake's demo policies (services/intake/data/demo-policies.json) into a running
 * distributed platform through its public API, as an administrator would: one bulk import with
 * an admin token signed with AUTH_JWT_SECRET (and a staff token to look which are there). Imports only the policies not there yet, so
 * start.sh runs it on every start.
 *
 *   AUTH_JWT_SECRET=... GATEWAY_URL=http://127.0.0.1:3000 node -r @swc-node/register deploy/distributed/load-demo-policies.ts
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { issueToken, loadPlatformConfig } from '@claims/service-host';

interface ImportOutcome {
  readonly policyNumber: string;
  readonly outcome: 'imported' | 'already-imported' | 'refused';
  readonly code?: string;
}

async function main(): Promise<void> {
  const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
  const file = resolve(__dirname, '../../services/intake/data/demo-policies.json');
  const { policies } = JSON.parse(readFileSync(file, 'utf8')) as { policies: unknown[] };
  if (!process.env.AUTH_JWT_SECRET)
    throw new Error("AUTH_JWT_SECRET is not set (the distributed platform's secret)");
  const config = loadPlatformConfig({ AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET });
  const token = await issueToken(config, { role: 'admin', subject: 'demo-policy-loader', expiresIn: '5m' });
  const reader = await issueToken(config, {
    role: 'customer-service',
    subject: 'demo-policy-loader',
    expiresIn: '5m',
  });
  const headers = { authorization: `Bearer ${token}`, 'x-request-id': 'demo-policies' };
  // Only the absent ones: on a PostgreSQL store a re-import of the same version is refused as
  // `policy-version-conflict` (JSONB reorders the stored snapshot's keys; see docs/runbook.md).
  const absent: unknown[] = [];
  const present: string[] = [];
  for (const policy of policies as { policyNumber: string }[]) {
    const found = await fetch(`${gateway}/api/v1/policies/${encodeURIComponent(policy.policyNumber)}`, {
      headers: { ...headers, authorization: `Bearer ${reader}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (found.status === 200) present.push(policy.policyNumber);
    else if (found.status === 404) absent.push(policy);
    else
      throw new Error(
        `GET /api/v1/policies/${policy.policyNumber} answered ${found.status}: ${await found.text()}`,
      );
  }
  const lines = present.map((policyNumber) => `  ${policyNumber}: already there`);
  let refused: ImportOutcome[] = [];
  if (absent.length > 0) {
    const answer = await fetch(`${gateway}/api/v1/policies/bulk`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ policies: absent }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = await answer.text();
    if (answer.status !== 201)
      throw new Error(`POST /api/v1/policies/bulk answered ${answer.status}: ${body}`);
    const outcomes = JSON.parse(body) as ImportOutcome[];
    refused = outcomes.filter((o) => o.outcome === 'refused');
    lines.push(...outcomes.map((o) => `  ${o.policyNumber}: ${o.outcome}${o.code ? ` (${o.code})` : ''}`));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (refused.length > 0) throw new Error(`${refused.length} demo policies refused`);
}

main().catch((error: Error) => {
  process.stderr.write(`load-demo-policies: ${error.message}\n`);
  process.exit(1);
});
