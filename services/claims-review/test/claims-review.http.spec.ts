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
import request from 'supertest';
import { TimeLimitCheck } from '../src/application/time-limits/time-limit-check';
import { ClaimsReviewModule } from '../src/claims-review.module';
import { SubmittedClaim } from '../src/domain/claim-facts';
import { cny, submittedClaim } from './fixtures';

const BASE = '/api/v1/claims-review';

describe('claims review through the HTTP host', () => {
  let dataDir: string;
  let config: PlatformConfig;
  let app: INestApplication;
  let bus: MessageBus;
  const clock = new FixedClock('2025-06-09T01:00:00Z');
  const tokens = new Map<string, string>();

  const as = async (role: Role, subject: string, extra: { customerId?: string } = {}) => {
    const key = `${role}:${subject}`;
    if (!tokens.has(key)) tokens.set(key, await issueToken(config, { role, subject, ...extra }));
    return `Bearer ${tokens.get(key)}`;
  };
  const http = () => request(app.getHttpServer());
  const post = async (role: Role, subject: string, path: string, body: object = {}) =>
    http()
      .post(`${BASE}/cases/${path}`)
      .set('authorization', await as(role, subject))
      .send(body);
  const get = async (role: Role, subject: string, path: string) =>
    http()
      .get(`${BASE}/${path}`)
      .set('authorization', await as(role, subject));

  const publishFromIntake = async (type: string, subject: string, data: object, id = randomUUID()) => {
    const event: IntegrationEvent = {
      specversion: '1.0',
      id,
      source: '/claims-platform/intake',
      type,
      time: clock.now().toISOString(),
      subject,
      datacontenttype: 'application/json',
      schemaversion: 1,
      correlationid: randomUUID(),
      data,
    };
    await bus.publish(topicOf('intake'), [event]);
  };

  const submit = async (claim: SubmittedClaim, messageId = randomUUID()) => {
    const vault = app.get<PersonalDataVault>(PERSONAL_DATA_VAULT, { strict: false });
    const sealed = await sealPersonalData(
      {
        type: 'ClaimSubmitted',
        data: claim,
        personalData: {
          subjectId: claim.customerId,
          fields: { claimantName: '王小明', claimantPhone: '13800000000' },
        },
      },
      vault,
    );
    await publishFromIntake('ClaimSubmitted', claim.claimId, sealed.data as object, messageId);
  };

  const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > until) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  const caseView = async (claimId: string) =>
    (await get('claims-handler', 'handler-motor-1', `cases/${claimId}`)).body;
  const awaitCase = (claimId: string, status: string, step?: string) =>
    eventually(async () => {
      const response = await get('claims-acceptor', 'acceptor-1', `cases/${claimId}`);
      const ready =
        response.status === 200 &&
        response.body.status === status &&
        (!step || response.body.currentStep === step);
      return ready ? response.body : undefined;
    });
  const published = async (claimId: string) =>
    (await bus.readTopic(topicOf('claims-review')))
      .filter((m) => m.event.subject === claimId)
      .map((m) => m.event);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'claims-review-'));
    config = loadPlatformConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '10000' });
    app = await createHost({
      name: 'claims-review-test',
      config,
      services: [ClaimsReviewModule.register({ clock, rules: { timeLimitCheckIntervalMs: 0 } })],
      logger: new JsonLogger('test', 'error'),
    });
    await app.init();
    bus = app.get<MessageBus>(MESSAGE_BUS, { strict: false });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a claim from ClaimSubmitted to a paid, closed case', async () => {
    const claim = submittedClaim({ estimatedLoss: cny(6_000_000) });
    const messageId = randomUUID();
    await submit(claim, messageId);
    await submit(claim, messageId); // redelivered: changes nothing
    const opened = await awaitCase(claim.claimId, 'awaiting-acceptance');
    expect(opened).toMatchObject({
      claimNumber: claim.claimNumber,
      currentStep: 'acceptance',
      fastTracked: false,
      estimatedLoss: cny(6_000_000),
    });
    expect(opened.claimant).toMatchObject({ claimantName: '王小明' });

    // 受理: accept; the motor rule assigns the least-loaded motor handler
    expect((await post('claims-handler', 'handler-motor-1', `${claim.claimId}/acceptance`)).status).toBe(403);
    const accepted = await post('claims-acceptor', 'acceptor-1', `${claim.claimId}/acceptance`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'in-review', handlerId: 'handler-motor-1' });
    const queue = await get('claims-handler', 'handler-motor-1', 'work-queue');
    expect(queue.body.items.map((c: { claimId: string }) => c.claimId)).toContain(claim.claimId);

    // material review: the repair estimate is incomplete → request it
    const review = await post('claims-handler', 'handler-motor-1', `${claim.claimId}/document-review`, {
      findings: [
        { documentId: 'doc-1', authentic: true, complete: true, compliant: true },
        { documentId: 'doc-2', authentic: true, complete: true, compliant: true },
        { documentId: 'doc-3', authentic: true, complete: false, compliant: true, note: 'unsigned' },
        { documentId: 'doc-4', authentic: true, complete: true, compliant: true },
      ],
    });
    expect(review.status).toBe(200);
    const requested = await post(
      'claims-handler',
      'handler-motor-1',
      `${claim.claimId}/supplementary-document-requests`,
      {
        items: [
          {
            documentKind: 'repair-estimate',
            reason: 'The estimate must be signed and stamped by the garage',
          },
        ],
      },
    );
    expect(requested.body).toMatchObject({
      status: 'awaiting-documents',
      supplementaryRounds: 1,
      step: { dueAt: null },
    });
    const requestEvent = await eventually(async () =>
      (await published(claim.claimId)).find((e) => e.type === 'SupplementaryDocumentsRequested'),
    );
    expect(requestEvent.data).toEqual({
      claimId: claim.claimId,
      claimNumber: claim.claimNumber,
      round: 1,
      requestedAt: '2025-06-09T01:00:00.000Z',
      items: [
        { documentKind: 'repair-estimate', reason: 'The estimate must be signed and stamped by the garage' },
      ],
    });

    // the customer supplies it through intake
    clock.advance({ days: 2 }); // Wednesday: Tuesday was the customer's
    await publishFromIntake('SupplementaryDocumentsProvided', claim.claimId, {
      claimId: claim.claimId,
      claimNumber: claim.claimNumber,
      round: 1,
      providedAt: clock.now().toISOString(),
      documents: [
        {
          documentId: 'doc-5',
          kind: 'repair-estimate',
          contentHash: 'sha256-x',
          mediaType: 'application/pdf',
          sizeBytes: 2048,
        },
      ],
    });
    const resumed = await eventually(async () => {
      const body = await caseView(claim.claimId);
      return body.status === 'in-review' && body.stepDueAt ? body : undefined;
    });
    expect(resumed.stepDueAt).toBe('2025-06-17T15:59:59.999Z'); // review due moved by the customer's working day
    await post('claims-handler', 'handler-motor-1', `${claim.claimId}/document-review`, {
      findings: [{ documentId: 'doc-5', authentic: true, complete: true, compliant: true }],
    });

    // 查勘定损
    const assessed = await post('claims-handler', 'handler-motor-1', `${claim.claimId}/loss-assessment`, {
      assessedLoss: cny(6_000_000),
      method: 'remote',
      breakdown: [
        { item: 'front bumper', amount: cny(2_500_000) },
        { item: 'headlights', amount: cny(3_500_000) },
      ],
    });
    expect(assessed.status).toBe(200);

    // 核赔: payout (60,000 − 1,000) × 80% = 47,200.00 is above the handler's 10,000.00 → approver level 1
    const proposed = await post('claims-handler', 'handler-motor-1', `${claim.claimId}/decision-proposal`, {
      outcome: 'approve',
      explanation: 'Collision damage confirmed by photos and signed estimate',
      policyBasis: 'Motor own-damage, clause 3',
    });
    expect(proposed.body).toMatchObject({ status: 'awaiting-approval', proposal: { requiredLevel: 1 } });
    const view = await caseView(claim.claimId);
    expect(view.payoutWorking.steps.map((s: { step: string }) => s.step)).toContain('coverage-ratio');
    expect(view.payout).toEqual(cny(4_720_000));
    const approverQueue = await get('approver', 'approver-1', 'work-queue');
    expect(approverQueue.body.items.map((c: { claimId: string }) => c.claimId)).toContain(claim.claimId);

    // four eyes: the handler, even holding an approver token, cannot approve
    const selfApproval = await post('approver', 'handler-motor-1', `${claim.claimId}/approval`, {});
    expect(selfApproval.status).toBe(422);
    expect(selfApproval.body.code).toBe('four-eyes');
    const approved = await post('approver', 'approver-1', `${claim.claimId}/approval`, { comment: 'Agreed' });
    expect(approved.body).toMatchObject({
      status: 'approved',
      decision: { decidedBy: 'approver-1', payout: cny(4_720_000) },
    });

    // 赔付 and 结案
    const instructed = await post(
      'claims-handler',
      'handler-motor-1',
      `${claim.claimId}/payment-instruction`,
      { method: 'bank-transfer' },
    );
    expect(instructed.body.payment).toMatchObject({
      amount: cny(4_720_000),
      expectedArrivalDate: '2025-06-13',
    });
    const wrongAmount = await post(
      'claims-handler',
      'handler-motor-1',
      `${claim.claimId}/payment-confirmation`,
      { reference: 'BANK-1', paidOn: '2025-06-11', amount: cny(1) },
    );
    expect(wrongAmount.status).toBe(422);
    const confirmOn = (paidOn: string) =>
      post('claims-handler', 'handler-motor-1', `${claim.claimId}/payment-confirmation`, {
        reference: 'BANK-1',
        paidOn,
        amount: cny(4_720_000),
      });
    expect((await confirmOn('2025-06-12')).body).toMatchObject({
      status: 422,
      code: 'payment-date-in-future',
    }); // today is the 11th
    expect((await confirmOn('2025-02-30')).status).toBe(400);
    clock.advance({ days: 1 });
    expect((await confirmOn('2025-06-12')).body.status).toBe('paid');
    const closed = await post('claims-handler', 'handler-motor-1', `${claim.claimId}/closure`, {
      summary: 'Paid in full',
    });
    expect(closed.body.status).toBe('closed');

    const customerFacing = (await eventually(async () => {
      const types = (await published(claim.claimId)).map((e) => e.type);
      return types.includes('ClaimClosed') ? types : undefined;
    })) as string[];
    expect(customerFacing).toEqual(
      expect.arrayContaining([
        'SupplementaryDocumentsRequested',
        'ClaimApproved',
        'PaymentInstructed',
        'PaymentConfirmed',
        'ClaimClosed',
      ]),
    );

    // the payment counts against the policy's remaining sum insured for its next claim
    const next = submittedClaim({
      estimatedLoss: cny(100_000_000),
      policy: { ...claim.policy, sumInsured: cny(50_000_000) },
    });
    await submit(next);
    await awaitCase(next.claimId, 'awaiting-acceptance');
    await post('claims-acceptor', 'acceptor-1', `${next.claimId}/acceptance`);
    const nextHandler = (await caseView(next.claimId)).handlerId;
    await post('claims-handler', nextHandler, `${next.claimId}/document-review`, {
      findings: next.documents.map((d) => ({
        documentId: d.documentId,
        authentic: true,
        complete: true,
        compliant: true,
      })),
    });
    await post('claims-handler', nextHandler, `${next.claimId}/loss-assessment`, {
      assessedLoss: cny(100_000_000),
      method: 'on-site',
      breakdown: [{ item: 'total loss', amount: cny(100_000_000) }],
    });
    const capped = await post('claims-handler', nextHandler, `${next.claimId}/decision-proposal`, {
      outcome: 'approve',
      explanation: 'Total loss',
      policyBasis: 'Clause 3',
    });
    expect(capped.body.proposal.calculation.payout).toEqual(cny(50_000_000 - 4_720_000));
    expect(capped.body.proposal.requiredLevel).toBe(2);
    expect((await post('approver', 'approver-1', `${next.claimId}/approval`, {})).body.code).toBe(
      'above-authority',
    );
    expect(
      (
        await post('approver', 'approver-senior-1', `${next.claimId}/send-back`, {
          comment: 'Get an expert panel opinion',
        })
      ).body.status,
    ).toBe('in-review');

    // auditor: full history with actors, and the state as of a past revision
    const history = await get('auditor', 'auditor-1', `cases/${claim.claimId}/history`);
    expect(history.status).toBe(200);
    const approval = history.body.find((e: { type: string }) => e.type === 'ClaimApproved');
    expect(approval.actor).toEqual({ id: 'approver-1', role: 'approver' });
    expect(history.body[0]).toMatchObject({
      type: 'ReviewCaseOpened',
      actor: { role: 'system' },
      personalFields: ['claimantName', 'claimantPhone'],
    });
    expect(JSON.stringify(history.body)).not.toContain('王小明');
    const proposedAt = history.body.find(
      (e: { type: string }) => e.type === 'DecisionReferredForApproval',
    ).revision;
    const asOf = await get(
      'auditor',
      'auditor-1',
      `cases/${claim.claimId}/history/state?revision=${proposedAt}`,
    );
    expect(asOf.body).toMatchObject({ status: 'awaiting-approval', decision: null });
    const asOfNow = await get(
      'auditor',
      'auditor-1',
      `cases/${claim.claimId}/history/state?at=${encodeURIComponent(clock.now().toISOString())}`,
    );
    expect(asOfNow.body.status).toBe('closed');
    expect((await get('claims-handler', 'handler-motor-1', `cases/${claim.claimId}/history`)).status).toBe(
      403,
    );
  });

  it('decides a small clean claim on the fast track with no human step', async () => {
    const claim = submittedClaim({
      estimatedLoss: cny(250_000),
      policy: { ...submittedClaim().policy, policyNumber: 'POL-FAST-1' },
    });
    await submit(claim);
    const decided = await awaitCase(claim.claimId, 'approved', 'payment');
    expect(decided).toMatchObject({ fastTracked: true, currentStep: 'payment', payout: cny(120_000) });
    expect(decided.decision).toMatchObject({
      decidedAs: 'fast-track',
      decidedBy: 'claims-review.fast-track',
    });
    const history = await get('auditor', 'auditor-1', `cases/${claim.claimId}/history`);
    const humans = history.body.filter((e: { actor: { role: string } }) => e.actor.role !== 'system');
    expect(humans).toEqual([]);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['FastTrackApplied', 'ClaimAccepted', 'LossAssessed', 'ClaimApproved']),
    );
  });

  it('shows a customer only their own case, without staff-only details', async () => {
    const claim = submittedClaim({ customerId: 'cust-own' });
    await submit(claim);
    await awaitCase(claim.claimId, 'awaiting-acceptance');
    const own = await http()
      .get(`${BASE}/cases/${claim.claimId}`)
      .set('authorization', await as('customer', 'c-1', { customerId: 'cust-own' }));
    expect(own.status).toBe(200);
    expect(own.body.claimant).toBeUndefined();
    const other = await http()
      .get(`${BASE}/cases/${claim.claimId}`)
      .set('authorization', await as('customer', 'c-2', { customerId: 'cust-other' }));
    expect(other.status).toBe(404);
  });

  it('makes overdue and at-risk cases visible and records them when the check runs', async () => {
    const claim = submittedClaim({ estimatedLoss: cny(9_000_000) });
    await submit(claim);
    await awaitCase(claim.claimId, 'awaiting-acceptance');
    const breachedGauge = async () =>
      Number(
        /^claims_time_limits\{service="claims-review",state="breached"\} (\d+)$/m.exec(
          (await http().get('/metrics').expect(200)).text,
        )?.[1],
      );
    const breachedBefore = await breachedGauge();
    clock.advance({ days: 14 });
    const board = await get('claims-acceptor', 'acceptor-1', 'time-limits?standing=overdue');
    expect(board.body.items.map((c: { claimId: string }) => c.claimId)).toContain(claim.claimId);
    expect(await breachedGauge()).toBeGreaterThan(breachedBefore); // the operators' dashboard sees it too
    const result = await app.get(TimeLimitCheck).execute();
    expect(result.overdue).toContain(claim.claimId);
    expect((await app.get(TimeLimitCheck).execute()).overdue).not.toContain(claim.claimId);
    expect((await caseView(claim.claimId)).timeLimitAlert).toBe('overdue');
    const exceeded = await eventually(async () =>
      (await published(claim.claimId)).find((e) => e.type === 'TimeLimitExceeded'),
    );
    expect(exceeded.data).toMatchObject({ step: 'acceptance' });
  });

  it('lets an acceptor or a manager reassign a case, and no one else', async () => {
    const claim = submittedClaim({ estimatedLoss: cny(6_000_000) });
    await submit(claim);
    await awaitCase(claim.claimId, 'awaiting-acceptance');
    await post('claims-acceptor', 'acceptor-1', `${claim.claimId}/acceptance`);
    const handlerId = (await caseView(claim.claimId)).handlerId;
    const other = handlerId === 'handler-motor-1' ? 'handler-motor-2' : 'handler-motor-1';
    expect(
      (
        await post('claims-handler', handlerId, `${claim.claimId}/reassignment`, {
          handlerId: other,
          reason: 'workload',
        })
      ).status,
    ).toBe(403);
    const reassigned = await post('manager', 'manager-1', `${claim.claimId}/reassignment`, {
      handlerId: other,
      reason: 'holiday cover',
    });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.handlerId).toBe(other);
  });

  it('answers invalid input with 400 and unknown cases with 404', async () => {
    const bad = await post('claims-handler', 'handler-motor-1', `${randomUUID()}/loss-assessment`, {
      assessedLoss: { amountMinor: 1.5, currency: 'CNY' },
      method: 'remote',
      breakdown: [],
    });
    expect(bad.status).toBe(400);
    const missing = await post('claims-acceptor', 'acceptor-1', `${randomUUID()}/acceptance`);
    expect(missing.status).toBe(404);
  });

  it('shows auditors the case as of an instant on the domain clock, not when the events were stored', async () => {
    const claim = submittedClaim();
    await submit(claim);
    await awaitCase(claim.claimId, 'awaiting-acceptance');
    const openedAt = clock.now();
    clock.advance({ hours: 6 });
    await post('claims-acceptor', 'acceptor-1', `${claim.claimId}/acceptance`); // stored moments after the opening
    const history = (await get('auditor', 'auditor-1', `cases/${claim.claimId}/history`)).body as Array<{
      type: string;
      occurredAt: string;
    }>;
    expect(history[0]).toMatchObject({ type: 'ReviewCaseOpened', occurredAt: openedAt.toISOString() });
    expect(history.find((e) => e.type === 'ClaimAccepted')?.occurredAt).toBe(clock.now().toISOString());
    const asOf = (at: Date) =>
      get(
        'auditor',
        'auditor-1',
        `cases/${claim.claimId}/history/state?at=${encodeURIComponent(at.toISOString())}`,
      );
    expect((await asOf(new Date(openedAt.getTime() + 3 * 3_600_000))).body.status).toBe(
      'awaiting-acceptance',
    );
    expect((await asOf(clock.now())).body.status).toBe('in-review');
  });

  it('answers a command with the case view its GET returns, and auditors the view at a cut of the history', async () => {
    const claim = submittedClaim({ estimatedLoss: cny(7_000_000) });
    await submit(claim);
    await awaitCase(claim.claimId, 'awaiting-acceptance');
    const accepted = await post('claims-acceptor', 'acceptor-1', `${claim.claimId}/acceptance`);
    const viewed = await get('claims-acceptor', 'acceptor-1', `cases/${claim.claimId}`);
    expect(accepted.body).toEqual(viewed.body);
    expect(accepted.body).toMatchObject({
      status: 'in-review',
      step: { name: 'review' },
      documents: expect.any(Array),
    });

    const auditor = (query: string) =>
      get('auditor', 'auditor-1', `cases/${claim.claimId}/history/state${query}`);
    const opened = await auditor('?revision=0');
    expect(opened.body).toMatchObject({
      status: 'awaiting-acceptance',
      asOf: null,
      revision: 0,
      handlerId: null,
    });
    expect(opened.body.claimant).toBeUndefined();
    const now = clock.now().toISOString();
    expect((await auditor(`?at=${encodeURIComponent(now)}`)).body).toMatchObject({
      status: 'in-review',
      asOf: now,
    });
    expect((await auditor('')).status).toBe(400);
    expect((await auditor('?at=2000-01-01T00:00:00Z')).status).toBe(404);
    expect((await get('auditor', 'auditor-1', `cases/${randomUUID()}/history`)).status).toBe(404);
  });
});
