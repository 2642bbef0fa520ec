import { IntegrationEvent } from '@claims/messaging';
import { IntakeTestApp, eventually, motorReport, startIntake } from '../support/intake-app';
import { INTERNAL_MARKERS, reviewEvent, reviewJourney } from '../support/claims-review-events';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);
const MOTOR_REQUIRED = ['accident-report', 'scene-photos', 'repair-estimate', 'driving-licence'];
const REVIEW_TOPIC = 'claims-platform.claims-review';

/** The customer's claim status follows claims review's integration events, through the in-process bus, to closure. */
describe('the customer’s claim status through the whole lifecycle', () => {
  let t: IntakeTestApp;
  let agent: string;
  let customer: string;
  let auditor: string;
  let schema: { properties: Record<string, unknown> };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startIntake();
    agent = await t.token('customer-service', { subject: 'agent-1' });
    customer = await t.token('customer', { customerId: 'cust-1001', subject: 'li-na' });
    auditor = await t.token('auditor');
    const openApi = (await t.http().get('/api/docs-json').expect(200)).body;
    schema = openApi.components.schemas.CustomerClaimStatusResponse;
  });
  afterAll(() => t.close());

  const submittedClaim = async () => {
    const reported = await t.http().post('/api/v1/claims').set(auth(agent)).send(motorReport()).expect(201);
    const { claimId, claimNumber } = reported.body as { claimId: string; claimNumber: string };
    for (const kind of MOTOR_REQUIRED) {
      await t
        .http()
        .post(`/api/v1/claims/${claimId}/documents`)
        .set(auth(agent))
        .field('kind', kind)
        .attach('file', pdf(`${kind} ${claimId}`), {
          filename: `${kind}.pdf`,
          contentType: 'application/pdf',
        })
        .expect(201);
    }
    return { claimId, claimNumber };
  };
  const status = (claimId: string, token = customer) =>
    t.http().get(`/api/v1/claims/${claimId}/status`).set(auth(token)).expect(200);
  const history = async (claimId: string) =>
    (await t.http().get(`/api/v1/claims/${claimId}/history`).set(auth(auditor)).expect(200)).body as Array<{
      type: string;
    }>;
  /** Publishes, then waits until the customer's status is at `stage` and the history holds `events` events. */
  const tell = async (claimId: string, events: IntegrationEvent[], stage: string) => {
    await t.bus.publish(REVIEW_TOPIC, events);
    return eventually(async () => {
      const response = await status(claimId);
      if (response.body.progress.stage !== stage)
        throw new Error(`at ${response.body.progress.stage}, waiting for ${stage}`);
      return response.body;
    });
  };
  const expectCustomerView = (body: Record<string, unknown>) => {
    expect(Object.keys(body).sort()).toEqual(Object.keys(schema.properties).sort());
    const text = JSON.stringify(body);
    for (const marker of INTERNAL_MARKERS)
      expect({ marker, leaked: text.includes(marker) }).toEqual({ marker, leaked: false });
  };

  it('tells the customer each stage in plain words, from the report to closure and again after a reopening', async () => {
    const { claimId, claimNumber } = await submittedClaim();
    const journey = reviewJourney(claimId, claimNumber);
    const reported = await status(claimId);
    expect(reported.body.progress).toEqual({
      stage: 'reported',
      description: expect.stringMatching(/Upload the documents/),
    });
    await t.http().post(`/api/v1/claims/${claimId}/submission`).set(auth(agent)).expect(200);
    const received = await status(claimId);
    expect(received.body).toMatchObject({
      claimNumber,
      progress: { stage: 'received' },
      decision: null,
      payment: null,
      closedAt: null,
    });
    expectCustomerView(received.body);

    const underReview = await tell(
      claimId,
      [journey.accepted, journey.investigation, journey.suspicion],
      'under-review',
    );
    expectCustomerView(underReview);

    const asked = await tell(claimId, [journey.documentsRequested], 'documents-requested');
    expect(asked.requestedDocuments).toEqual({
      round: 1,
      items: [{ documentKind: 'witness-statement', reason: 'Two versions of events' }],
      requestedAt: '2026-03-10T04:00:00.000Z',
    });
    await t
      .http()
      .post(`/api/v1/claims/${claimId}/documents`)
      .set(auth(customer))
      .field('kind', 'witness-statement')
      .attach('file', pdf(`witness ${claimId}`), { filename: 'w.pdf', contentType: 'application/pdf' })
      .expect(201);
    await t.http().post(`/api/v1/claims/${claimId}/supplementary-documents`).set(auth(customer)).expect(200);
    const back = await status(claimId);
    expect(back.body).toMatchObject({ progress: { stage: 'under-review' }, requestedDocuments: null });

    const approved = await tell(claimId, [journey.approved], 'approved');
    expect(approved.decision).toEqual({
      outcome: 'approved',
      payout: { amountMinor: 1150000, currency: 'CNY' },
      reasons: [],
      explanation: 'Repair costs as assessed, net of the deductible.',
      policyBasis: 'Motor policy, section 3 (own damage)',
      decidedAt: '2026-03-11T02:00:00.000Z',
    });
    expect(approved.progress.description).toBe(
      'Your claim is approved: we will pay CNY 11,500.00. The payment is being prepared.',
    );
    expectCustomerView(approved);

    const onItsWay = await tell(claimId, [journey.paymentInstructed], 'payment-on-its-way');
    expect(onItsWay.payment).toEqual({
      amount: { amountMinor: 1150000, currency: 'CNY' },
      expectedArrivalDate: '2026-03-13',
      paid: false,
      paidOn: null,
    });
    expect(onItsWay.progress.description).toMatch(/expect it by 2026-03-13/);

    const paid = await tell(claimId, [journey.paymentConfirmed], 'paid');
    expect(paid.payment).toMatchObject({ paid: true, paidOn: '2026-03-12' });
    const closed = await tell(claimId, [journey.closed], 'closed');
    expect(closed).toMatchObject({ closedAt: '2026-03-12T09:00:00.000Z', decision: { outcome: 'approved' } });
    expect(closed.progress.description).toBe('Your claim is closed: CNY 11,500.00 was paid on 2026-03-12.');
    expectCustomerView(closed);

    const reopened = await tell(claimId, [journey.reopened], 'under-review');
    expect(reopened).toMatchObject({ decision: null, payment: null, closedAt: null });
    expect(reopened.progress.description).toMatch(/reopened/);
    const denied = await tell(claimId, [journey.denied], 'denied');
    expect(denied.decision).toMatchObject({
      outcome: 'denied',
      payout: null,
      reasons: [
        { code: 'below-deductible', description: 'The assessed loss does not exceed your deductible.' },
        { code: 'some-new-code', description: 'See the explanation in your decision notice.' },
      ],
      policyBasis: 'Motor policy, section 7 (deductible)',
    });
    const closedAgain = await tell(claimId, [journey.closedAgain], 'closed');
    expect(closedAgain.progress.description).toBe(
      'Your claim is closed: it was not approved (see the decision).',
    );
    expectCustomerView(closedAgain);

    const staff = await status(claimId, agent);
    expect(staff.body).toMatchObject({
      claimId,
      customerId: 'cust-1001',
      agentId: 'agent-1',
      status: 'supplementary-documents-provided',
      stage: 'closed',
      reviewStage: 'closed',
      acceptedAt: '2026-03-10T03:00:00.000Z',
      decision: { outcome: 'denied', reasonCodes: ['below-deductible', 'some-new-code'] },
      reopened: { reason: 'The customer sent a second repair invoice' },
      progress: { stage: 'closed' },
    });
    expect(JSON.stringify(staff.body)).not.toMatch(/approver-9|investigator-3|Suspected fraud/);

    const types = (await history(claimId)).map((e) => e.type);
    expect(types.slice(6)).toEqual([
      'ClaimAcceptanceReceived',
      'SupplementaryDocumentsRequestReceived',
      'DocumentUploaded',
      'SupplementaryDocumentsProvided',
      'ClaimDecisionReceived',
      'PaymentInstructionReceived',
      'PaymentConfirmationReceived',
      'ClaimClosureReceived',
      'ClaimReopeningReceived',
      'ClaimDecisionReceived',
      'ClaimClosureReceived',
    ]);
    const application = await t.http().get(`/api/v1/claims/${claimId}`).set(auth(customer)).expect(200);
    expect(application.body.progress).toEqual(staff.body.progress);
  });

  it('changes nothing when claims review’s messages are delivered again, or a fact is told twice', async () => {
    const { claimId, claimNumber } = await submittedClaim();
    await t.http().post(`/api/v1/claims/${claimId}/submission`).set(auth(agent)).expect(200);
    const journey = reviewJourney(claimId, claimNumber);
    const sequence = [
      journey.accepted,
      journey.approved,
      journey.paymentInstructed,
      journey.paymentConfirmed,
      journey.closed,
    ];
    await tell(claimId, sequence, 'closed');
    const before = { history: await history(claimId), status: (await status(claimId, agent)).body };

    // the same messages again (redelivery), and the same facts under new message ids (a republish)
    const republished = sequence.map((event) =>
      reviewEvent(event.type, claimId, event.data as Record<string, unknown>),
    );
    await t.bus.publish(REVIEW_TOPIC, [...sequence, ...republished]);
    const marker = reviewEvent('ClaimReopened', claimId, {
      claimNumber,
      reason: 'marker',
      reopenedBy: 'manager-2',
      reopenedAt: '2026-03-20T00:00:00.000Z',
    });
    await tell(claimId, [marker], 'under-review'); // everything before it was applied (in order) by now
    const after = await history(claimId);
    expect(after.map((e) => e.type)).toEqual([
      ...before.history.map((e) => e.type),
      'ClaimReopeningReceived',
    ]);
    expect(before.status).toMatchObject({ stage: 'closed', payment: { paidOn: '2026-03-12' } });
  });

  it('shows a customer their own claims only, at their stage, and lists by stage', async () => {
    const { claimId } = await submittedClaim();
    await t.http().post(`/api/v1/claims/${claimId}/submission`).set(auth(agent)).expect(200);
    const other = await t.token('customer', { customerId: 'cust-1003' });
    await t.http().get(`/api/v1/claims/${claimId}/status`).set(auth(other)).expect(404);
    const mine = await t.http().get('/api/v1/claims?stage=received').set(auth(customer)).expect(200);
    expect(mine.body.items.map((c: { claimId: string }) => c.claimId)).toContain(claimId);
    for (const item of mine.body.items) {
      expect(item.progress.stage).toBe('received');
      expectCustomerView(item);
    }
    const refused = await t
      .http()
      .get('/api/v1/claims?status=submitted&customerId=cust-1003')
      .set(auth(customer))
      .expect(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['customerId', 'status']);
  });
});
