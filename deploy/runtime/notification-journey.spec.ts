/* eslint-disable @nx/enforce-module-boundaries -- a platform journey composes the service apps, as embedded.ts does */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { ClaimsReviewModule } from '@claims/claims-review';
import { IntakeModule } from '@claims/intake';
import { NotificationModule } from '@claims/notification';
import { JsonLogger, createHost, issueToken, loadPlatformConfig } from '@claims/service-host';
import { FixedClock } from '@claims/working-calendar';
import request from 'supertest';
import { MOTOR_REQUIRED_DOCUMENTS, eventually, motorClaimReport, pdf } from './platform-test-support';

/**
 * Intake, claims review and notification in one process: a submitted claim is told to the
 * customer by SMS (outbox) and in the inbox, once; after the customer is forgotten nothing more
 * is sent, and that is recorded, not retried.
 */
describe('notification on the embedded platform', () => {
  let dataDir: string;
  let app: INestApplication;
  let agent: string;
  let customer: string;
  let admin: string;
  let acceptor: string;

  const smsFiles = () => {
    const dir = join(dataDir, 'notification', 'outbox', 'sms');
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'notification-journey-'));
    const config = loadPlatformConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '100000' });
    app = await createHost({
      name: 'platform',
      config,
      services: [
        IntakeModule.register(),
        ClaimsReviewModule.register(),
        // 10:00 Beijing time: outside quiet hours whenever the test runs.
        NotificationModule.register({ clock: new FixedClock('2026-11-23T02:00:00Z'), sweepIntervalMs: 0 }),
      ],
      logger: new JsonLogger('test', 'error'),
    });
    await app.init();
    agent = await issueToken(config, { role: 'customer-service', subject: 'agent-1' });
    customer = await issueToken(config, { role: 'customer', subject: 'user-1001', customerId: 'cust-1001' });
    admin = await issueToken(config, { role: 'admin', subject: 'admin-1' });
    acceptor = await issueToken(config, { role: 'claims-acceptor', subject: 'acceptor-1' });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells the customer of a submitted claim by SMS and in the inbox, then nothing once forgotten', async () => {
    const server = app.getHttpServer();
    const reported = await request(server)
      .post('/api/v1/claims')
      .set(as(agent))
      .send(motorClaimReport())
      .expect(201);
    const claimId = reported.body.claimId as string;
    for (const kind of MOTOR_REQUIRED_DOCUMENTS) {
      await request(server)
        .post(`/api/v1/claims/${claimId}/documents`)
        .set(as(agent))
        .field('kind', kind)
        .attach('file', pdf(kind), { filename: `${kind}.pdf`, contentType: 'application/pdf' })
        .expect(201);
    }
    await request(server).post(`/api/v1/claims/${claimId}/submission`).set(as(agent)).expect(200);

    const [file] = await eventually(async () => {
      const files = smsFiles();
      expect(files).toHaveLength(1);
      return files;
    });
    const sms = JSON.parse(readFileSync(join(dataDir, 'notification', 'outbox', 'sms', file), 'utf8'));
    expect(sms).toMatchObject({ to: '*********1001', templateId: 'claim-submitted' });
    expect(sms.text).toMatch(/^【理赔】您的理赔申请CLM-\d{4}-\d{6}已于\d{4}年\d{1,2}月\d{1,2}日受理/);
    const inbox = await request(server).get('/api/v1/notification/my-inbox').set(as(customer)).expect(200);
    expect(inbox.body).toHaveLength(1);
    expect(inbox.body[0].subject).toMatch(/^您的理赔申请已受理/);

    await request(server)
      .post('/api/v1/personal-data/forget-requests')
      .set(as(admin))
      .send({ subjectId: 'cust-1001', reason: 'customer-request' })
      .expect(204);
    await eventually(() =>
      request(server).post(`/api/v1/claims-review/cases/${claimId}/acceptance`).set(as(acceptor)).expect(200),
    );
    const caseView = await request(server)
      .get(`/api/v1/claims-review/cases/${claimId}`)
      .set(as(acceptor))
      .expect(200);
    const handler = await issueToken(loadPlatformConfig({ DATA_DIR: dataDir }), {
      role: 'claims-handler',
      subject: caseView.body.handlerId,
    });
    await request(server)
      .post(`/api/v1/claims-review/cases/${claimId}/supplementary-document-requests`)
      .set(as(handler))
      .send({ items: [{ documentKind: 'witness-statement', reason: 'Two versions of events' }] })
      .expect(200);

    const messageId = await eventually(async () => {
      const listed = await request(server).get('/api/v1/notification/my-inbox').set(as(customer)).expect(200);
      expect(listed.body).toHaveLength(1); // nothing new in the inbox of a forgotten customer
      const history = readFileSync(join(dataDir, 'notification', 'history.jsonl'), 'utf8');
      const suppressed =
        /"type":"MessageSuppressed"[^\n]*?"messageId":"([0-9a-f-]{36})"[^\n]*?"reason":"recipient-forgotten"/.exec(
          history,
        );
      expect(suppressed).not.toBeNull();
      return suppressed![1];
    });
    const status = await request(server)
      .get(`/api/v1/notification/messages/${messageId}`)
      .set(as(handler))
      .expect(200);
    expect(status.body).toMatchObject({ status: 'suppressed', templateId: 'documents-requested' });
    expect(smsFiles()).toHaveLength(1);
    const listed = await request(server)
      .get(`/api/v1/notification/cases/claim/${claimId}/messages`)
      .set(as(handler))
      .expect(200);
    expect(listed.body.map((m: { templateId: string; status: string }) => [m.templateId, m.status])).toEqual([
      ['claim-submitted', 'sent'],
      ['documents-requested', 'suppressed'],
    ]);
    await request(server)
      .get(`/api/v1/notification/cases/claim/${claimId}/messages`)
      .set(as(customer))
      .expect(403);
  });
});
