/* eslint-disable @nx/enforce-module-boundaries -- the runtime composes the service apps, as in production */
/**
 * Distributed mode: intake and claims review as two separate hosts, each with its own
 * PostgreSQL event store and read models, exchanging integration events over a real Kafka
 * broker. Locally it is skipped when PostgreSQL or Kafka is missing; under CI=true it must run.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { ClaimsReviewModule } from '@claims/claims-review';
import { IntakeModule } from '@claims/intake';
import { JsonLogger, PlatformConfig, createHost, issueToken, loadPlatformConfig } from '@claims/service-host';
import { FixedClock } from '@claims/working-calendar';
import { Client } from 'pg';
import request from 'supertest';
import { MOTOR_REQUIRED_DOCUMENTS, cny, eventually, exclusiveKafkaHosts, pdf } from './platform-test-support';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

function reachable(name: string, hostAndPort: string): boolean {
  const { hostname, port } = new URL(hostAndPort.includes('://') ? hostAndPort : `tcp://${hostAndPort}`);
  const probe = `require('node:net').connect({host:process.argv[1],port:+process.argv[2]}).on('connect',()=>process.exit(0)).on('error',()=>process.exit(1)).setTimeout(2000,()=>process.exit(1))`;
  try {
    execFileSync(process.execPath, ['-e', probe, hostname, port || '5432'], {
      stdio: 'ignore',
      timeout: 5000,
    });
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`CI needs ${name} at ${hostAndPort}`);
    console.warn(`skipped: no ${name} at ${hostAndPort}`);
    return false;
  }
}

const available =
  reachable(
    'PostgreSQL',
    DATABASE_URL.replace(/^postgres(ql)?:\/\/[^@]*@/, 'tcp://').replace(/\/[^/]*$/, ''),
  ) && reachable('Kafka', KAFKA_BROKERS.split(',')[0]);
const describeDistributed = available ? describe : describe.skip;

describeDistributed('distributed mode: intake and claims review over Kafka and PostgreSQL', () => {
  const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 10)}_`;
  const clock = new FixedClock('2026-03-10T02:00:00Z');
  let dataDir: string;
  let config: PlatformConfig;
  let intake: INestApplication;
  let review: INestApplication;
  const tokens = new Map<string, string>();
  const auth = async (role: string, subject = `${role}-1`) => {
    const key = `${role}/${subject}`;
    if (!tokens.has(key)) tokens.set(key, await issueToken(config, { role: role as never, subject }));
    return { authorization: `Bearer ${tokens.get(key)}` };
  };

  let releaseKafkaHosts: () => void = () => undefined;

  beforeAll(async () => {
    releaseKafkaHosts = await exclusiveKafkaHosts();
    dataDir = mkdtempSync(join(tmpdir(), 'distributed-'));
    config = loadPlatformConfig({
      DATA_DIR: dataDir,
      EVENT_STORE: 'postgres',
      READ_MODELS: 'postgres',
      DATABASE_URL,
      BUS: 'kafka',
      KAFKA_BROKERS,
      SCHEMA_PREFIX: prefix,
      AUTH_JWT_SECRET: 'distributed-test-secret-of-at-least-32-chars',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    const logger = new JsonLogger('test', 'error');
    intake = await createHost({
      name: 'intake',
      config,
      services: [IntakeModule.register({ clock })],
      logger,
    });
    review = await createHost({
      name: 'claims-review',
      config,
      services: [ClaimsReviewModule.register({ clock, rules: { timeLimitCheckIntervalMs: 0 } })],
      logger,
    });
    await intake.init();
    await review.init();
  }, 420_000);

  afterAll(async () => {
    await intake?.close();
    await review?.close();
    releaseKafkaHosts();
    rmSync(dataDir, { recursive: true, force: true });
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    const schemas = await client.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`,
      [`${prefix}%`],
    );
    for (const { nspname } of schemas.rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
    await client.end();
  }, 60_000);

  it('runs each service alone with its own stores on PostgreSQL and Kafka', async () => {
    const intakeHealth = await request(intake.getHttpServer()).get('/health').expect(200);
    expect(Object.keys(intakeHealth.body.services)).toEqual(['intake']);
    const reviewHealth = await request(review.getHttpServer()).get('/health').expect(200);
    expect(Object.keys(reviewHealth.body.services)).toEqual(['claims-review']);
  });

  it('carries a claim from intake to a paid, closed review case, with a supplementary round trip', async () => {
    const front = () => request(intake.getHttpServer());
    const back = () => request(review.getHttpServer());
    const policyNumber = `MOT-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    await front()
      .post('/api/v1/policies')
      .set(await auth('admin'))
      .send({
        policyNumber,
        version: 1,
        productLine: 'motor',
        holder: { customerId: 'cust-dist-1', name: 'Chen Jie', phone: '+86 138 0000 2001' },
        insuredPersons: [{ personId: 'cust-dist-1', name: 'Chen Jie' }],
        coverStart: '2026-01-01',
        coverEnd: '2026-12-31',
        sumInsured: cny(50_000_000),
        deductible: cny(100_000),
        coverageRatioPercent: 80,
        coveredPerils: ['collision'],
        exclusions: ['drunk-driving'],
        status: 'in-force',
      })
      .expect(201);

    const agent = await auth('customer-service', 'agent-1');
    const reported = await front()
      .post('/api/v1/claims')
      .set(agent)
      .send({
        policyNumber,
        insuredPersonId: 'cust-dist-1',
        accident: {
          occurredAt: '2026-03-09T08:30:00+08:00',
          place: 'Nanjing Road',
          cause: 'collision',
          description: 'Rear-ended at a junction',
          lossKind: 'vehicle-damage',
        },
        estimatedLoss: cny(6_000_000),
        claimant: { name: 'Chen Jie', phone: '+86 138 0000 2001' },
        feedbackChannel: 'sms',
        channel: 'hotline',
      })
      .expect(201);
    const claimId: string = reported.body.claimId;
    const upload = async (kind: string, as = agent) =>
      front()
        .post(`/api/v1/claims/${claimId}/documents`)
        .set(as)
        .field('kind', kind)
        .attach('file', pdf(`${kind} ${claimId}`), {
          filename: `${kind}.pdf`,
          contentType: 'application/pdf',
        })
        .expect(201);
    for (const kind of MOTOR_REQUIRED_DOCUMENTS) await upload(kind);
    await front().post(`/api/v1/claims/${claimId}/submission`).set(agent).expect(200);

    // over Kafka: intake's ClaimSubmitted opens the review case
    const acceptor = await auth('claims-acceptor', 'acceptor-1');
    const opened = await eventually(
      async () => (await back().get(`/api/v1/claims-review/cases/${claimId}`).set(acceptor).expect(200)).body,
    );
    expect(opened).toMatchObject({ status: 'awaiting-acceptance', fastTracked: false });
    const accepted = await back()
      .post(`/api/v1/claims-review/cases/${claimId}/acceptance`)
      .set(acceptor)
      .expect(200);
    const handler = await auth('claims-handler', accepted.body.handlerId);
    const findings = opened.documents.map((d: { documentId: string }) => ({
      documentId: d.documentId,
      authentic: true,
      complete: true,
      compliant: true,
    }));
    await back()
      .post(`/api/v1/claims-review/cases/${claimId}/document-review`)
      .set(handler)
      .send({ findings })
      .expect(200);

    // review asks for a document; intake hears it over Kafka; the customer's upload goes back
    await back()
      .post(`/api/v1/claims-review/cases/${claimId}/supplementary-document-requests`)
      .set(handler)
      .send({
        items: [{ documentKind: 'vehicle-registration', reason: 'The car is not the one on the policy' }],
      })
      .expect(200);
    await eventually(async () => {
      const application = await front().get(`/api/v1/claims/${claimId}`).set(agent).expect(200);
      expect(application.body.status).toBe('awaiting-supplementary-documents');
    });
    await upload('vehicle-registration');
    await front().post(`/api/v1/claims/${claimId}/supplementary-documents`).set(agent).expect(200);
    const resumed = await eventually(async () => {
      const view = (await back().get(`/api/v1/claims-review/cases/${claimId}`).set(handler).expect(200)).body;
      expect(view.status).toBe('in-review');
      return view;
    });
    const newDocuments = resumed.documents.filter(
      (d: { documentId: string }) =>
        !findings.some((f: { documentId: string }) => f.documentId === d.documentId),
    );
    await back()
      .post(`/api/v1/claims-review/cases/${claimId}/document-review`)
      .set(handler)
      .send({
        findings: newDocuments.map((d: { documentId: string }) => ({
          documentId: d.documentId,
          authentic: true,
          complete: true,
          compliant: true,
        })),
      })
      .expect(200);

    // assessment, a proposal above the handler's authority, four eyes, payment, closure
    await back()
      .post(`/api/v1/claims-review/cases/${claimId}/loss-assessment`)
      .set(handler)
      .send({
        assessedLoss: cny(6_000_000),
        method: 'remote',
        breakdown: [{ item: 'rear bumper', amount: cny(6_000_000) }],
      })
      .expect(200);
    const proposed = await back()
      .post(`/api/v1/claims-review/cases/${claimId}/decision-proposal`)
      .set(handler)
      .send({
        outcome: 'approve',
        explanation: 'Collision damage confirmed',
        policyBasis: 'Motor own-damage',
      })
      .expect(200);
    expect(proposed.body).toMatchObject({ status: 'awaiting-approval', proposal: { requiredLevel: 1 } });
    const approved = await back()
      .post(`/api/v1/claims-review/cases/${claimId}/approval`)
      .set(await auth('approver', 'approver-1'))
      .send({ comment: 'Agreed' })
      .expect(200);
    expect(approved.body.decision).toMatchObject({ decidedBy: 'approver-1', payout: cny(4_720_000) });
    await back()
      .post(`/api/v1/claims-review/cases/${claimId}/payment-instruction`)
      .set(handler)
      .send({ method: 'bank-transfer' })
      .expect(200);
    await back()
      .post(`/api/v1/claims-review/cases/${claimId}/payment-confirmation`)
      .set(handler)
      .send({ reference: 'BANK-DIST-1', paidOn: '2026-03-10', amount: cny(4_720_000) })
      .expect(200);
    const closed = await back()
      .post(`/api/v1/claims-review/cases/${claimId}/closure`)
      .set(handler)
      .send({ summary: 'Paid in full' })
      .expect(200);
    expect(closed.body.status).toBe('closed');

    const history = await back()
      .get(`/api/v1/claims-review/cases/${claimId}/history`)
      .set(await auth('auditor'))
      .expect(200);
    const types = history.body.map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'ReviewCaseOpened',
        'SupplementaryDocumentsRequested',
        'ClaimApproved',
        'PaymentConfirmed',
        'ClaimClosed',
      ]),
    );
  }, 180_000);
});
