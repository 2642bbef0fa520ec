import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import {
  JsonLogger,
  PlatformConfig,
  Role,
  createHost,
  issueToken,
  loadPlatformConfig,
} from '@claims/service-host';
import request from 'supertest';
import { allServices } from './embedded';
import { MOTOR_REQUIRED_DOCUMENTS, eventually, motorClaimReport, pdf } from './platform-test-support';

/**
 * Analytics on the embedded platform, fed only by the other services' integration events: a claim
 * reported and submitted at intake, accepted by claims review, and a complaint about it reach the
 * archive (the claimant masked) and the auditor's cross-service timeline.
 */
describe('analytics hears every service (embedded platform)', () => {
  let dataDir: string;
  let config: PlatformConfig;
  let app: INestApplication;

  const as = async (role: Role, subject = `${role}-1`) => ({
    authorization: `Bearer ${await issueToken(config, { role, subject })}`,
  });
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'analytics-journey-'));
    config = loadPlatformConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '100000' });
    app = await createHost({
      name: 'platform',
      config,
      services: allServices(),
      logger: new JsonLogger('test', 'error'),
    });
    await app.init();
  }, 60_000);

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('archives the claim and the complaint, and shows their timeline across services', async () => {
    const agent = await as('customer-service', 'agent-1');
    const reported = await http().post('/api/v1/claims').set(agent).send(motorClaimReport()).expect(201);
    const claimId: string = reported.body.claimId;
    for (const kind of MOTOR_REQUIRED_DOCUMENTS) {
      await http()
        .post(`/api/v1/claims/${claimId}/documents`)
        .set(agent)
        .field('kind', kind)
        .attach('file', pdf(kind), { filename: `${kind}.pdf`, contentType: 'application/pdf' })
        .expect(201);
    }
    await http().post(`/api/v1/claims/${claimId}/submission`).set(agent).expect(200);
    const acceptor = await as('claims-acceptor', 'acceptor-7');
    await eventually(async () =>
      http().get(`/api/v1/claims-review/cases/${claimId}`).set(acceptor).expect(200),
    );
    const accepted = await http()
      .post(`/api/v1/claims-review/cases/${claimId}/acceptance`)
      .set(acceptor)
      .expect(200);
    const { claimNumber, handlerId } = accepted.body as { claimNumber: string; handlerId: string };
    const complaint = await http()
      .post('/api/v1/complaint/complaints')
      .set(agent)
      .send({
        channel: 'hotline',
        customerId: 'cust-1001',
        name: 'Li Na',
        phone: '13800001001',
        description: 'Nobody tells me when my car will be repaired',
        request: 'A decision this week',
        category: 'delay',
        relatedClaimNumbers: [claimNumber],
      })
      .expect(201);
    const complaintNumber: string = complaint.body.complaintNumber;

    const analyst = await as('analyst');
    const claim = await eventually(async () => {
      const page = await http()
        .get(`/api/v1/analytics/archive?number=${claimNumber}`)
        .set(analyst)
        .expect(200);
      expect(page.body.items[0]).toMatchObject({ status: 'accepted', handlerId });
      return page.body.items[0];
    });
    expect(claim).toMatchObject({
      kind: 'claim',
      channel: 'hotline',
      productLine: 'motor',
      policyNumber: 'MOT-2026-000001',
      route: expect.any(String),
    });
    expect(claim.customer).toMatchObject({ forgotten: false, phone: '138****1001' });
    expect(claim.customer.name).toMatch(/^L\*+$/);
    expect(JSON.stringify(claim)).not.toMatch(/Li Na|0000 1001/);

    const auditor = await as('auditor');
    const timeline = await eventually(async () => {
      const body = (await http().get(`/api/v1/analytics/timelines/${claimNumber}`).set(auditor).expect(200))
        .body;
      expect(body.related).toEqual([complaintNumber]);
      return body;
    });
    const types = timeline.events.map((e: { service: string; type: string }) => `${e.service}:${e.type}`);
    expect(types.indexOf('intake:ClaimSubmitted')).toBeLessThan(types.indexOf('claims-review:ClaimAccepted'));
    expect(types).toContain('complaint:ComplaintReceived');
    expect(timeline.events.find((e: { type: string }) => e.type === 'ClaimAccepted')).toMatchObject({
      actor: 'acceptor-7',
      role: 'claims-acceptor',
    });
  }, 60_000);
});
