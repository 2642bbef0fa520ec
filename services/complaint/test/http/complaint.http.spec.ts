import { randomUUID } from 'node:crypto';
import { issueToken } from '@claims/service-host';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { PUBLIC_SCHEMAS } from '../../src/infrastructure/public-schemas';
import { ComplaintHarness, Who, startComplaintHarness } from './complaint-harness';

const deskAgent: Who = { role: 'customer-service', subject: 'cs-agent-1' };
const manager: Who = { role: 'manager', subject: 'manager-1' };
const otherManager: Who = { role: 'manager', subject: 'manager-2' };
const handler: Who = { role: 'claims-handler', subject: 'complaint-handler-1' };
const otherHandler: Who = { role: 'claims-handler', subject: 'complaint-handler-2' };
const claimHandler: Who = { role: 'claims-handler', subject: 'handler-motor-1' };
const auditor: Who = { role: 'auditor', subject: 'auditor-1' };
const customer: Who = { role: 'customer', subject: 'user-42', customerId: 'cust-42' };
const otherCustomer: Who = { role: 'customer', subject: 'user-7', customerId: 'cust-7' };

const complaint = {
  name: '王小明',
  phone: '13800000000',
  description: 'My repair claim was cut by half without a reason',
  request: 'Pay the full repair bill',
  category: 'payout-amount',
  relatedClaimNumbers: ['CLM-2026-000123'],
  policyNumber: 'POL-MOTOR-0001',
  requestedRemedies: ['payment'],
  amountClaimed: { amountMinor: 500000, currency: 'CNY' },
};

describe('complaint through the HTTP host', () => {
  let h: ComplaintHarness;
  const claimId = randomUUID();

  beforeAll(async () => {
    h = await startComplaintHarness();
    // claims review tells who had a hand in claim CLM-2026-000123
    await h.claimEvent(claimId, 'ClaimAccepted', {
      claimNumber: 'CLM-2026-000123',
      acceptedBy: 'acceptor-1',
      route: 'manual',
    });
    await h.claimEvent(claimId, 'HandlerAssigned', {
      handlerId: 'handler-motor-1',
      assignedAt: h.clock.now().toISOString(),
    });
    await h.claimEvent(claimId, 'ClaimApproved', {
      claimNumber: 'CLM-2026-000123',
      proposedBy: 'handler-motor-1',
      decidedBy: 'approver-1',
      decidedAs: 'approver',
    });
  });

  afterAll(() => h.close());

  const contact = {
    party: 'complainant',
    channel: 'phone',
    contactedAt: '2026-02-12T10:30:00+08:00',
    outcome: 'reached',
    note: 'INTERNAL: customer upset, says the garage was approved',
  };
  const result = {
    causeAnalysis: 'Depreciation applied to new parts',
    responsibleParty: 'insurer',
    policyClause: 'Clause 7.2',
    findings: 'The deduction was wrong',
  };
  const plan = (amountMinor: number) => ({
    outcome: 'upheld',
    summary: 'We pay the difference',
    nextSteps: 'Paid within 5 working days',
    remedies: [
      { kind: 'payment', description: 'The difference', amount: { amountMinor, currency: 'CNY' } },
      { kind: 're-examine-claim', description: 'Claims review re-examines the claim' },
    ],
  });

  it('runs the journey: receive, review, recusal, investigation, plan, dissatisfied, re-evaluation, satisfied, closure, archive', async () => {
    const received = await h.post(deskAgent, 'complaints', {
      ...complaint,
      channel: 'hotline',
      customerId: 'cust-42',
    });
    expect(received.status).toBe(201);
    expect(received.body).toMatchObject({
      complaintNumber: 'CMP-2026-000001',
      status: 'received',
      complainant: { name: '王小明' },
    });
    const id: string = received.body.complaintId;

    h.clock.set('2026-02-11T08:00:00Z');
    const accepted = await h.post(deskAgent, `complaints/${id}/acceptance`, {
      riskFactors: ['vulnerable-customer'],
      riskNote: 'Elderly',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'awaiting-assignment', risk: { priority: 'high' } });

    // the related claim's handler must recuse; the view shows what is known of the claim
    await h.eventually(async () => {
      const view = await h.get(manager, `complaints/${id}`);
      return view.body.relatedClaims?.[0]?.involvements?.length >= 2 ? view.body : undefined;
    });
    const conflicted = await h.post(manager, `complaints/${id}/assignment`, {
      handlerId: claimHandler.subject,
      handlerRole: 'claims-handler',
    });
    expect(conflicted.status).toBe(422);
    expect(conflicted.body).toMatchObject({ code: 'handler-conflicted' });
    const assigned = await h.post(manager, `complaints/${id}/assignment`, {
      handlerId: handler.subject,
      handlerRole: 'claims-handler',
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.relatedClaims[0]).toMatchObject({
      claimNumber: 'CLM-2026-000123',
      timeline: [{ type: 'ClaimAccepted' }, { type: 'HandlerAssigned' }, { type: 'ClaimApproved' }],
    });

    h.clock.set('2026-02-12T03:00:00Z');
    expect((await h.post(handler, `complaints/${id}/contacts`, contact)).status).toBe(200);
    expect((await h.post(handler, `complaints/${id}/investigation-result`, result)).status).toBe(200);
    const proposed = await h.post(handler, `complaints/${id}/resolution-plan`, plan(300000));
    expect(proposed.body).toMatchObject({ status: 'awaiting-approval', plan: { requiredLevel: 1 } });
    expect(
      (await h.post(handler, `complaints/${id}/resolution-plan/decision`, { approve: true, comment: 'x' }))
        .status,
    ).toBe(403);
    const adopted = await h.post(manager, `complaints/${id}/resolution-plan/decision`, {
      approve: true,
      comment: 'Agreed',
    });
    expect(adopted.body.status).toBe('plan-adopted');
    const told = await h.post(handler, `complaints/${id}/resolution`, { channel: 'sms' });
    expect(told.body.status).toBe('awaiting-customer');

    // the customer sees the decision and the external remedies, none of the internal record
    const mine = await h.get(customer, `my-complaints/${id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      complaintNumber: 'CMP-2026-000001',
      stage: 'awaiting-your-answer',
      mayAnswer: true,
      decision: {
        outcome: 'upheld',
        externalRemedies: ['internal-review', 'mediation', 'arbitration', 'litigation'],
      },
    });
    const text = JSON.stringify(mine.body);
    for (const hidden of [
      'INTERNAL',
      'vulnerable',
      'priority',
      'risk',
      'complaint-handler-1',
      'contacts',
      'Elderly',
    ]) {
      expect(text).not.toContain(hidden);
    }
    expect((await h.get(otherCustomer, `my-complaints/${id}`)).status).toBe(404);
    expect(
      (await h.post(otherCustomer, `my-complaints/${id}/answer`, { satisfied: true, feedback: 'x' })).status,
    ).toBe(404);
    expect((await h.get(customer, `complaints/${id}`)).body).not.toHaveProperty('contacts');

    h.clock.set('2026-02-13T02:00:00Z');
    const unhappy = await h.post(customer, `my-complaints/${id}/answer`, {
      satisfied: false,
      feedback: 'Still too low',
    });
    expect(unhappy.status).toBe(200);
    expect(unhappy.body).toMatchObject({ stage: 'in-progress', mayAnswer: false });

    // re-evaluation by a different handler, on a new clock
    const same = await h.post(manager, `complaints/${id}/assignment`, {
      handlerId: handler.subject,
      handlerRole: 'claims-handler',
    });
    expect(same.body).toMatchObject({ code: 'previous-handler' });
    const reassigned = await h.post(manager, `complaints/${id}/assignment`, {
      handlerId: otherHandler.subject,
      handlerRole: 'claims-handler',
    });
    expect(reassigned.body).toMatchObject({ round: 2, handlerId: otherHandler.subject });
    expect(reassigned.body.clocks).toContainEqual(
      expect.objectContaining({
        clock: 're-evaluation',
        state: 'running',
        dueAt: '2026-03-02T15:59:59.999Z',
      }),
    );
    expect((await h.post(otherHandler, `complaints/${id}/contacts`, contact)).status).toBe(200);
    expect((await h.post(otherHandler, `complaints/${id}/investigation-result`, result)).status).toBe(200);
    expect((await h.post(otherHandler, `complaints/${id}/resolution-plan`, plan(150000))).body.status).toBe(
      'plan-adopted',
    );
    expect((await h.post(otherHandler, `complaints/${id}/resolution`, { channel: 'sms' })).status).toBe(200);
    const happy = await h.post(customer, `my-complaints/${id}/answer`, {
      satisfied: true,
      feedback: 'Thank you',
    });
    expect(happy.body.stage).toBe('resolved');

    const closed = await h.post(otherHandler, `complaints/${id}/closure`, {
      rootCause: 'staff-error',
      rootCauseDetail: 'Depreciation table misread',
      correctiveAction: {
        description: 'Train motor handlers on clause 7',
        ownerId: 'motor-team-lead',
        dueDate: '2026-03-31',
      },
    });
    expect(closed.body).toMatchObject({
      status: 'closed',
      closure: { rootCause: 'staff-error', customerSatisfied: true },
      // the record is kept: who handled it, in which round, what was told, the contact log
      round: 2,
      handlerId: otherHandler.subject,
      previousHandlers: [handler.subject],
      communicated: { summary: 'We pay the difference' },
    });
    expect((await h.post(otherHandler, `complaints/${id}/archive`)).body.status).toBe('archived');

    // published: notification and analytics hear of it; claims review is asked to re-examine the claim
    const published = await h.eventually(async () => {
      const events = await h.published(id);
      return events.some((e) => e.type === 'ComplaintArchived') ? events : undefined;
    });
    const types = published.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'ComplaintReceived',
        'ResolutionCommunicated',
        'ClaimReexaminationRequested',
        'ClockFulfilled',
        'ComplaintClosed',
      ]),
    );
    // every event on the topic is of its published schema (docs/event-catalogue.md)
    const ajv = addFormats(new Ajv({ allErrors: true, schemas: [...PUBLIC_SCHEMAS] }));
    for (const event of published) {
      const validate = ajv.getSchema((event as unknown as { dataschema: string }).dataschema);
      expect({ type: event.type, valid: validate?.(event.data) }).toEqual({ type: event.type, valid: true });
    }
    expect(JSON.stringify(published)).not.toContain('王小明');
    expect(JSON.stringify(published)).not.toContain('INTERNAL');
    expect(published.find((e) => e.type === 'ClaimReexaminationRequested')?.data).toMatchObject({
      claimNumber: 'CLM-2026-000123',
    });

    // auditors: the history, and the state as of a revision
    const history = await h.get(auditor, `complaints/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body[0]).toMatchObject({ revision: 0, type: 'ComplaintReceived', schemaVersion: 1 });
    expect(history.body[0].personalFields).toEqual(expect.arrayContaining(['name', 'phone']));
    const asOf = await h.get(auditor, `complaints/${id}/history/state?revision=2`);
    expect(asOf.body).toMatchObject({ status: 'received', revision: 2, complainant: null });
    expect((await h.get(auditor, `complaints/${id}/history/state`)).status).toBe(400);
    expect((await h.get(handler, `complaints/${id}/history`)).status).toBe(403);
  });

  it('lets a customer complain, follow and withdraw; the work queue lists the nearest deadline first', async () => {
    h.clock.set('2026-02-24T02:00:00Z');
    const mine = await h.post(customer, 'my-complaints', {
      ...complaint,
      channel: 'mobile-app',
      relatedClaimNumbers: [],
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({
      stage: 'received',
      decisionDueBy: '2026-03-11T15:59:59.999Z',
      mayWithdraw: true,
    });
    h.clock.set('2026-02-24T02:01:00Z');
    const staffRegistered = await h.post(deskAgent, 'complaints', {
      ...complaint,
      channel: 'letter',
      customerId: 'cust-7',
      relatedClaimNumbers: [],
    });
    expect(staffRegistered.body.complaintNumber).toBe('CMP-2026-000003');

    const queue = await h.get(manager, 'complaints?status=received');
    expect(queue.body.items.map((c: { complaintId: string }) => c.complaintId)).toEqual([
      mine.body.complaintId,
      staffRegistered.body.complaintId,
    ]);
    expect(queue.body.items[0]).toMatchObject({
      nextClock: 'initial-review',
      nextDueAt: '2026-02-25T02:00:00.000Z',
    });

    const list = await h.get(customer, 'my-complaints');
    // open ones first (nearest deadline), then those with no clock running
    expect(list.body.items.map((c: { complaintNumber: string }) => c.complaintNumber)).toEqual([
      'CMP-2026-000002',
      'CMP-2026-000001',
    ]);
    expect(list.body.items[1]).toEqual({
      complaintId: expect.any(String),
      complaintNumber: 'CMP-2026-000001',
      category: 'payout-amount',
      stage: 'closed',
      receivedAt: '2026-02-11T02:00:00.000Z',
    });
    expect(JSON.stringify(list.body)).not.toContain('CMP-2026-000003');

    // the 24 h review is at risk four hours before, breached after
    h.clock.set('2026-02-24T23:00:00Z');
    expect(await h.checkClocks()).toMatchObject({ atRisk: expect.arrayContaining([mine.body.complaintId]) });
    const gauge = async (state: string) =>
      Number(
        new RegExp(`^claims_time_limits\\{service="complaint",state="${state}"\\} (\\d+)$`, 'm').exec(
          (await request(h.app.getHttpServer()).get('/metrics').expect(200)).text,
        )?.[1],
      );
    expect(await gauge('at-risk')).toBeGreaterThanOrEqual(1); // the operators' dashboard sees it too
    h.clock.set('2026-02-25T03:00:00Z');
    expect(await gauge('breached')).toBeGreaterThanOrEqual(1);
    expect(await h.checkClocks()).toMatchObject({
      breached: expect.arrayContaining([mine.body.complaintId]),
    });

    const withdrawn = await h.post(customer, `my-complaints/${mine.body.complaintId}/withdrawal`, {
      reason: 'Settled',
    });
    expect(withdrawn.body).toMatchObject({ stage: 'withdrawn', mayWithdraw: false, decisionDueBy: null });
  });

  it('takes attachments as intake takes documents: checked, sealed, hashed; never a program', async () => {
    h.clock.set('2026-03-02T02:00:00Z');
    const mine = await h.post(customer, 'my-complaints', {
      ...complaint,
      channel: 'website',
      relatedClaimNumbers: [],
    });
    const id: string = mine.body.complaintId;
    const pdf = { bytes: Buffer.from('%PDF-1.4\n% an invoice\n'), mediaType: 'application/pdf' };
    const added = await h.upload(customer, `my-complaints/${id}/attachments`, 'repair-invoice', pdf);
    expect(added.status).toBe(201);
    const staff = await h.get(manager, `complaints/${id}`);
    expect(staff.body.attachments).toEqual([
      expect.objectContaining({
        kind: 'repair-invoice',
        mediaType: 'application/pdf',
        sizeBytes: pdf.bytes.length,
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        blobReference: expect.stringMatching(/^fs:sha256\/[0-9a-f]{64}$/),
      }),
    ]);
    const again = await h.upload(deskAgent, `complaints/${id}/attachments`, 'invoice-copy', pdf);
    expect(again.body).toMatchObject({ code: 'duplicate-attachment' });
    const program = { bytes: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 2, 3]), mediaType: 'application/pdf' };
    const refused = await h.upload(customer, `my-complaints/${id}/attachments`, 'repair-invoice', program);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'document-content-mismatch' });
    expect((await h.upload(otherCustomer, `my-complaints/${id}/attachments`, 'x', pdf)).status).toBe(404);
    expect((await h.get(manager, `complaints/${id}`)).body.attachments).toHaveLength(1);
    // downloaded as uploaded, by staff and by its own customer only
    const documentId: string = staff.body.attachments[0].documentId;
    const download = await request(h.app.getHttpServer())
      .get(`/api/v1/complaint/complaints/${id}/attachments/${documentId}/content`)
      .set('authorization', `Bearer ${await issueToken(h.config, { role: 'manager', subject: 'manager-1' })}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    expect(Buffer.compare(download.body as Buffer, pdf.bytes)).toBe(0);
    expect((await h.get(customer, `my-complaints/${id}/attachments/${documentId}/content`)).status).toBe(200);
    expect((await h.get(otherCustomer, `my-complaints/${id}/attachments/${documentId}/content`)).status).toBe(
      404,
    );
    expect((await h.get(manager, `complaints/${id}/attachments/${randomUUID()}/content`)).status).toBe(404);
  });

  it('refuses bad input (400), a role without the permission (403) and an unknown complaint (404)', async () => {
    expect((await h.post(deskAgent, 'complaints', { ...complaint, channel: 'pigeon' })).status).toBe(400);
    expect(
      (await h.post(deskAgent, 'complaints', { ...complaint, channel: 'hotline', unexpected: 1 })).status,
    ).toBe(400);
    expect(
      (
        await h.post(deskAgent, 'complaints', {
          ...complaint,
          channel: 'hotline',
          amountClaimed: { amountMinor: 1.5, currency: 'CNY' },
        })
      ).status,
    ).toBe(400);
    expect((await h.post(customer, 'complaints', { ...complaint, channel: 'hotline' })).status).toBe(403);
    const refused = await h.post(deskAgent, 'complaints', {
      ...complaint,
      channel: 'hotline',
      category: 'weather',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'unknown-category' });
    // the refusal spent no number: the next complaint of the year takes the next one in sequence
    const next = await h.post(deskAgent, 'complaints', {
      ...complaint,
      channel: 'hotline',
      relatedClaimNumbers: [],
    });
    expect(next.body.complaintNumber).toBe('CMP-2026-000005');
    // a duplicate is linked only to a complaint that exists and is open
    const repeat = await h.post(deskAgent, 'complaints', {
      ...complaint,
      channel: 'email',
      relatedClaimNumbers: [],
    });
    const asDuplicateOf = (duplicateOf: string) =>
      h.post(deskAgent, `complaints/${repeat.body.complaintId}/decline`, {
        reason: 'duplicate',
        duplicateOf,
        explanation: 'Same matter',
      });
    expect((await asDuplicateOf('CMP-2026-999999')).body).toMatchObject({ code: 'duplicate-not-open' });
    expect((await asDuplicateOf('CMP-2026-000001')).body).toMatchObject({ code: 'duplicate-not-open' }); // archived
    const linked = await asDuplicateOf('CMP-2026-000005');
    expect(linked.body).toMatchObject({
      status: 'declined',
      decline: { reason: 'duplicate', duplicateOf: 'CMP-2026-000005' },
    });
    expect(
      (await h.post(handler, `complaints/${randomUUID()}/acceptance`, { riskFactors: [], riskNote: 'x' }))
        .status,
    ).toBe(403);
    expect((await h.get(manager, `complaints/${randomUUID()}`)).status).toBe(404);
    expect((await h.get(manager, 'complaints/not-a-uuid')).status).toBe(400);
    expect((await h.get(manager, 'complaints?cursor=bm9wZQ')).status).toBe(400);
    void otherManager;
  });
});
