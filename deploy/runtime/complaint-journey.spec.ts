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
import {
  closeClaim,
  declineAsNotAComplaint,
  submitClaim,
  upholdComplaintAbout,
} from './complaint-links-support';
import { MOTOR_REQUIRED_DOCUMENTS, eventually, motorClaimReport, pdf } from './platform-test-support';

/**
 * A complaint about a real claim on the embedded platform: intake reports and submits the claim,
 * claims review accepts it and assigns its handler, and the complaint service — hearing of it only
 * through claims review's integration events — refuses that handler for the complaint (recusal)
 * and shows the claim's timeline with the complaint. An upheld complaint reopens the claim's
 * review case (claims review consumes ClaimReexaminationRequested), and a complaint declined as
 * not a complaint comes back to intake as a consultation (ComplaintReferredAsConsultation).
 */
describe('complaint about a claim, across services (embedded platform)', () => {
  let dataDir: string;
  let config: PlatformConfig;
  let app: INestApplication;

  const as = async (role: Role, subject = `${role}-1`) => ({
    authorization: `Bearer ${await issueToken(config, { role, subject })}`,
  });
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'complaint-journey-'));
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

  it('recuses the claim’s handler, learned from claims review’s events', async () => {
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
    const acceptor = await as('claims-acceptor');
    await eventually(async () =>
      http().get(`/api/v1/claims-review/cases/${claimId}`).set(acceptor).expect(200),
    );
    const accepted = await http()
      .post(`/api/v1/claims-review/cases/${claimId}/acceptance`)
      .set(acceptor)
      .expect(200);
    const { claimNumber, handlerId } = accepted.body as { claimNumber: string; handlerId: string };
    expect(handlerId).toMatch(/^handler-/);

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
    const id: string = complaint.body.complaintId;
    await http()
      .post(`/api/v1/complaint/complaints/${id}/acceptance`)
      .set(agent)
      .send({ riskFactors: [], riskNote: 'None' })
      .expect(200);

    const manager = await as('manager');
    // claims review's HandlerAssigned reaches the complaint service's read model of claims
    const view = await eventually(async () => {
      const body = (await http().get(`/api/v1/complaint/complaints/${id}`).set(manager).expect(200)).body;
      expect(body.relatedClaims[0].involvements).toContainEqual({
        claimNumber,
        staffId: handlerId,
        as: 'handler',
      });
      return body;
    });
    expect(view.relatedClaims[0].timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['ClaimAccepted', 'HandlerAssigned']),
    );
    const refused = await http()
      .post(`/api/v1/complaint/complaints/${id}/assignment`)
      .set(manager)
      .send({ handlerId, handlerRole: 'claims-handler' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'handler-conflicted' });
    const assigned = await http()
      .post(`/api/v1/complaint/complaints/${id}/assignment`)
      .set(manager)
      .send({ handlerId: 'complaint-handler-1', handlerRole: 'claims-handler' })
      .expect(200);
    expect(assigned.body).toMatchObject({ status: 'investigating', handlerId: 'complaint-handler-1' });
  });

  it('reopens the claim’s review case when a complaint about it is upheld', async () => {
    const as = async (role: string, subject = `${role}-1`) => ({
      authorization: `Bearer ${await issueToken(config, { role: role as Role, subject })}`,
    });
    const claimId = await submitClaim(http, as, motorClaimReport());
    const { claimNumber } = await closeClaim(http, as, claimId);
    const auditor = await as('auditor');
    // the complaint service must know the claim (its read model of claims) before it is named
    await eventually(async () => {
      const { status } = (await http().get(`/api/v1/claims-review/cases/${claimId}`).set(auditor).expect(200))
        .body;
      expect(status).toBe('closed');
    });
    const { complaintNumber } = await upholdComplaintAbout(http, as, claimNumber);

    const reopened = await eventually(async () => {
      const view = (await http().get(`/api/v1/claims-review/cases/${claimId}`).set(auditor).expect(200)).body;
      expect(view.status).toBe('in-review');
      return view;
    });
    expect(reopened).not.toHaveProperty('decision.decidedBy');
    const history = await http()
      .get(`/api/v1/claims-review/cases/${claimId}/history`)
      .set(auditor)
      .expect(200);
    const reopening = history.body.find((e: { type: string }) => e.type === 'ClaimReopened');
    expect(reopening.data).toMatchObject({
      reason: expect.stringContaining(`upheld complaint ${complaintNumber}`),
      reopenedBy: 'claims-review.complaint-consumer',
      complaint: { complaintNumber },
    });
    expect(history.body.filter((e: { type: string }) => e.type === 'ClaimReopened')).toHaveLength(1);
    // intake hears of the reopening too (claims review's ClaimReopened): the customer's claim is under review again
    await eventually(async () => {
      const status = await http()
        .get(`/api/v1/claims/${claimId}/status`)
        .set(await as('customer-service', 'agent-1'))
        .expect(200);
      expect(status.body).toMatchObject({
        stage: 'under-review',
        reopened: { reason: expect.stringContaining(complaintNumber) },
      });
    });
  }, 120_000);

  it('hands a complaint declined as not a complaint back to intake as a consultation', async () => {
    const as = async (role: string, subject = `${role}-1`) => ({
      authorization: `Bearer ${await issueToken(config, { role: role as Role, subject })}`,
    });
    const { complaintId, complaintNumber } = await declineAsNotAComplaint(http, as, 'email');
    const desk = await as('customer-service', 'agent-1');
    // found by its complaint (complaint numbers start again in every fresh store; the id does not)
    const consultation = await eventually(async () => {
      const queue = await http().get('/api/v1/work-queue?kind=consultation').set(desk).expect(200);
      const referred = queue.body.items.filter(
        (i: { reference: string | null }) => i.reference === complaintNumber,
      ) as { caseId: string }[];
      for (const { caseId } of referred) {
        const found = await http().get(`/api/v1/consultations/${caseId}`).set(desk).expect(200);
        if (found.body.referredFrom?.complaintId === complaintId) return found;
      }
      throw new Error(`no consultation from complaint ${complaintNumber} yet`);
    });
    expect(consultation.body).toMatchObject({
      channel: 'email',
      topic: 'other',
      customerId: 'cust-1001',
      status: 'open',
      question: 'Can my daughter drive my car under my policy?\n\nAsks: Tell me whether she is covered',
      contact: { name: 'Li Na', phone: '13800001001', email: 'li.na@example.com' },
      referredFrom: { complaintId, complaintNumber, complaintChannel: 'email', category: 'other' },
    });
  }, 60_000);
});
