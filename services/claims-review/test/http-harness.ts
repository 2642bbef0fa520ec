import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { PersonalDataVault, sealPersonalData } from '@claims/event-sourcing';
import { IntegrationEvent, MessageBus, topicOf } from '@claims/messaging';
import {
  JsonLogger,
  MESSAGE_BUS,
  PERSONAL_DATA_VAULT,
  PlatformConfig,
  Role,
  createHost,
  issueToken,
  loadPlatformConfig,
} from '@claims/service-host';
import { FixedClock } from '@claims/working-calendar';
import { Client } from 'pg';
import request from 'supertest';
import { ClaimsReviewModule } from '../src/claims-review.module';
import { SubmittedClaim } from '../src/domain/claim-facts';
import { cny } from './fixtures';

export const BASE = '/api/v1/claims-review';

/** Claims review alone in an HTTP host, with intake played by the test on the in-process bus. */
export interface ReviewHarness {
  readonly app: INestApplication;
  readonly clock: FixedClock;
  readonly dataDir: string;
  bearer(role: Role, subject: string, extra?: { customerId?: string }): Promise<string>;
  get(role: Role, subject: string, path: string, extra?: { customerId?: string }): Promise<request.Response>;
  post(role: Role, subject: string, path: string, body?: object): Promise<request.Response>;
  /** Intake's ClaimSubmitted for the claim (claimant details sealed); resolves once the case shows. */
  submit(claim: SubmittedClaim): Promise<void>;
  published(claimId?: string): Promise<IntegrationEvent[]>;
  close(): Promise<void>;
}

export async function startReviewHarness(now = '2025-06-09T01:00:00Z'): Promise<ReviewHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'claims-review-'));
  // REVIEW_TEST_DATABASE_URL=postgres://… runs the read models on PostgreSQL (a schema of their own)
  const postgres = process.env.REVIEW_TEST_DATABASE_URL;
  const onPostgres = postgres
    ? { READ_MODELS: 'postgres', DATABASE_URL: postgres, SCHEMA_PREFIX: `t${Date.now().toString(36)}_` }
    : {};
  const config: PlatformConfig = loadPlatformConfig({
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...onPostgres,
  });
  const clock = new FixedClock(now);
  const app = await createHost({
    name: 'claims-review-test',
    config,
    services: [ClaimsReviewModule.register({ clock, rules: { timeLimitCheckIntervalMs: 0 } })],
    logger: new JsonLogger('test', 'error'),
  });
  await app.init();
  const bus = app.get<MessageBus>(MESSAGE_BUS, { strict: false });
  const tokens = new Map<string, string>();
  const bearer = async (role: Role, subject: string, extra: { customerId?: string } = {}) => {
    const key = `${role}:${subject}:${extra.customerId ?? ''}`;
    if (!tokens.has(key)) tokens.set(key, await issueToken(config, { role, subject, ...extra }));
    return `Bearer ${tokens.get(key)}`;
  };
  const http = () => request(app.getHttpServer());
  const get = async (role: Role, subject: string, path: string, extra: { customerId?: string } = {}) =>
    http()
      .get(`${BASE}/${path}`)
      .set('authorization', await bearer(role, subject, extra));
  const post = async (role: Role, subject: string, path: string, body: object = {}) =>
    http()
      .post(`${BASE}/cases/${path}`)
      .set('authorization', await bearer(role, subject))
      .send(body);

  const submit = async (claim: SubmittedClaim) => {
    const vault = app.get<PersonalDataVault>(PERSONAL_DATA_VAULT, { strict: false });
    const fields = { claimantName: '王小明', claimantPhone: '13800000000' };
    const sealed = await sealPersonalData(
      { type: 'ClaimSubmitted', data: claim, personalData: { subjectId: claim.customerId, fields } },
      vault,
    );
    const event: IntegrationEvent = {
      specversion: '1.0',
      id: randomUUID(),
      source: '/claims-platform/intake',
      type: 'ClaimSubmitted',
      time: clock.now().toISOString(),
      subject: claim.claimId,
      datacontenttype: 'application/json',
      schemaversion: 1,
      correlationid: randomUUID(),
      data: sealed.data,
    };
    await bus.publish(topicOf('intake'), [event]);
    await eventually(
      async () => (await get('auditor', 'auditor-1', `cases/${claim.claimId}`)).status === 200,
    );
  };

  const published = async (claimId?: string) =>
    (await bus.readTopic(topicOf('claims-review')))
      .map((m) => m.event)
      .filter((e) => claimId === undefined || e.subject === claimId);

  return {
    app,
    clock,
    dataDir,
    bearer,
    get,
    post,
    submit,
    published,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (postgres) await dropSchemas(postgres, onPostgres.SCHEMA_PREFIX as string);
    },
  };
}

/** The schemas a PostgreSQL run created (`<prefix>claims_review`, `<prefix>host` …). */
async function dropSchemas(url: string, prefix: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      'SELECT schema_name AS name FROM information_schema.schemata WHERE starts_with(schema_name, $1)',
      [prefix],
    );
    for (const { name } of rows) await client.query(`DROP SCHEMA "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}

export async function eventually(probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The handler of a case, as the staff view shows it. */
export async function handlerOf(h: ReviewHarness, claimId: string): Promise<string> {
  return (await h.get('claims-acceptor', 'acceptor-1', `cases/${claimId}`)).body.handlerId as string;
}

const allDocumentsClean = (claim: SubmittedClaim) => ({
  findings: claim.documents.map((d) => ({
    documentId: d.documentId,
    authentic: true,
    complete: true,
    compliant: true,
  })),
});

/**
 * Steps that take a (non fast-track) motor claim of 60,000.00 through the process, each as its
 * actor, from `from` (default: acceptance) up to `upTo`. Each step must be accepted (200).
 */
export const JOURNEY = [
  'accepted',
  'reviewed',
  'assessed',
  'proposed',
  'approved',
  'instructed',
  'paid',
  'closed',
] as const;
export type JourneyStep = (typeof JOURNEY)[number];

export async function walk(
  h: ReviewHarness,
  claim: SubmittedClaim,
  upTo: JourneyStep,
  from: JourneyStep = 'accepted',
): Promise<void> {
  const { claimId } = claim;
  const steps: Record<JourneyStep, () => Promise<request.Response>> = {
    accepted: () => h.post('claims-acceptor', 'acceptor-1', `${claimId}/acceptance`),
    reviewed: async () =>
      h.post(
        'claims-handler',
        await handlerOf(h, claimId),
        `${claimId}/document-review`,
        allDocumentsClean(claim),
      ),
    assessed: async () =>
      h.post('claims-handler', await handlerOf(h, claimId), `${claimId}/loss-assessment`, {
        assessedLoss: claim.estimatedLoss,
        breakdown: [{ item: 'repair', amount: claim.estimatedLoss }],
        method: 'remote',
      }),
    proposed: async () =>
      h.post('claims-handler', await handlerOf(h, claimId), `${claimId}/decision-proposal`, {
        outcome: 'approve',
        explanation: 'Collision damage confirmed',
        policyBasis: 'Motor own-damage, clause 3',
      }),
    approved: () =>
      h.post('approver', 'approver-1', `${claimId}/approval`, { comment: 'INTERNAL-APPROVER-COMMENT' }),
    instructed: async () =>
      h.post('claims-handler', await handlerOf(h, claimId), `${claimId}/payment-instruction`, {
        method: 'bank-transfer',
      }),
    paid: async () => {
      const view = (await h.get('claims-handler', 'x', `cases/${claimId}`)).body;
      const paidOn = h.clock.now().toISOString().slice(0, 10);
      return h.post('claims-handler', await handlerOf(h, claimId), `${claimId}/payment-confirmation`, {
        reference: 'BANK-1',
        paidOn,
        amount: view.payment.amount,
      });
    },
    closed: async () =>
      h.post('claims-handler', await handlerOf(h, claimId), `${claimId}/closure`, {
        summary: 'Paid in full',
      }),
  };
  for (const step of JOURNEY.slice(JOURNEY.indexOf(from))) {
    const response = await steps[step]();
    if (response.status !== 200) {
      throw new Error(`${step} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    if (step === upTo) return;
  }
}

export { cny };
