import request from 'supertest';
import { MOTOR_REQUIRED_DOCUMENTS, eventually, pdf } from './platform-test-support';

/** A host's HTTP server, as supertest drives it. */
export type Http = () => ReturnType<typeof request>;
/** The authorization header of a role (and staff id). */
export type As = (role: string, subject?: string) => Promise<Record<string, string>>;

const cleanFindings = (documents: { documentId: string }[]) =>
  documents.map((d) => ({ documentId: d.documentId, authentic: true, complete: true, compliant: true }));

/** Today in Beijing (the insurer's calendar): the date a payment is confirmed on. */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Reports a motor claim at the desk, uploads its documents and submits it to claims review. */
export async function submitClaim(front: Http, as: As, report: object): Promise<string> {
  const agent = await as('customer-service', 'agent-1');
  const reported = await front().post('/api/v1/claims').set(agent).send(report).expect(201);
  const claimId: string = reported.body.claimId;
  for (const kind of MOTOR_REQUIRED_DOCUMENTS) {
    await front()
      .post(`/api/v1/claims/${claimId}/documents`)
      .set(agent)
      .field('kind', kind)
      .attach('file', pdf(`${kind} ${claimId}`), { filename: `${kind}.pdf`, contentType: 'application/pdf' })
      .expect(201);
  }
  await front().post(`/api/v1/claims/${claimId}/submission`).set(agent).expect(200);
  return claimId;
}

/**
 * Takes a submitted claim through claims review to a paid, closed case: acceptance, document
 * review, assessment as estimated, approval (by an approver when above the handler's authority),
 * payment and closure. Answers the claim number and its handler.
 */
export async function closeClaim(
  back: Http,
  as: As,
  claimId: string,
): Promise<{ claimNumber: string; handlerId: string }> {
  const acceptor = await as('claims-acceptor', 'acceptor-1');
  const opened = await eventually(
    async () => (await back().get(`/api/v1/claims-review/cases/${claimId}`).set(acceptor).expect(200)).body,
  );
  const accepted = await back()
    .post(`/api/v1/claims-review/cases/${claimId}/acceptance`)
    .set(acceptor)
    .expect(200);
  const { claimNumber, handlerId } = accepted.body as { claimNumber: string; handlerId: string };
  const handler = await as('claims-handler', handlerId);
  const cases = `/api/v1/claims-review/cases/${claimId}`;
  await back()
    .post(`${cases}/document-review`)
    .set(handler)
    .send({ findings: cleanFindings(opened.documents) })
    .expect(200);
  await back()
    .post(`${cases}/loss-assessment`)
    .set(handler)
    .send({
      assessedLoss: opened.estimatedLoss,
      method: 'remote',
      breakdown: [{ item: 'rear bumper', amount: opened.estimatedLoss }],
    })
    .expect(200);
  const proposed = await back()
    .post(`${cases}/decision-proposal`)
    .set(handler)
    .send({ outcome: 'approve', explanation: 'Collision damage confirmed', policyBasis: 'Motor own-damage' })
    .expect(200);
  if (proposed.body.status === 'awaiting-approval') {
    await back()
      .post(`${cases}/approval`)
      .set(await as('approver', 'approver-1'))
      .send({ comment: 'Agreed' })
      .expect(200);
  }
  const instructed = await back()
    .post(`${cases}/payment-instruction`)
    .set(handler)
    .send({ method: 'bank-transfer' })
    .expect(200);
  await back()
    .post(`${cases}/payment-confirmation`)
    .set(handler)
    .send({ reference: 'BANK-1', paidOn: today(), amount: instructed.body.payment.amount })
    .expect(200);
  const closed = await back()
    .post(`${cases}/closure`)
    .set(handler)
    .send({ summary: 'Paid in full' })
    .expect(200);
  if (closed.body.status !== 'closed') throw new Error(`the case is ${closed.body.status}, not closed`);
  return { claimNumber, handlerId };
}

/**
 * A complaint about the claim, received, accepted, investigated by a handler with no hand in the
 * claim, and upheld with a plan that asks claims review to re-examine it; the plan told to the
 * customer publishes ClaimReexaminationRequested. Answers the complaint's id and number.
 */
export async function upholdComplaintAbout(
  complaints: Http,
  as: As,
  claimNumber: string,
  customerId = 'cust-1001',
): Promise<{ complaintId: string; complaintNumber: string }> {
  const desk = await as('customer-service', 'cs-agent-1');
  const received = await complaints()
    .post('/api/v1/complaint/complaints')
    .set(desk)
    .send({
      channel: 'hotline',
      customerId,
      name: 'Li Na',
      phone: '13800001001',
      description: 'My repair claim was cut without a reason',
      request: 'Pay the full repair bill',
      category: 'payout-amount',
      relatedClaimNumbers: [claimNumber],
      requestedRemedies: ['payment'],
    })
    .expect(201);
  const { complaintId, complaintNumber } = received.body as { complaintId: string; complaintNumber: string };
  const base = `/api/v1/complaint/complaints/${complaintId}`;
  await complaints()
    .post(`${base}/acceptance`)
    .set(desk)
    .send({ riskFactors: [], riskNote: 'None' })
    .expect(200);
  await complaints()
    .post(`${base}/assignment`)
    .set(await as('manager', 'manager-1'))
    .send({ handlerId: 'complaint-handler-1', handlerRole: 'claims-handler' })
    .expect(200);
  const handler = await as('claims-handler', 'complaint-handler-1');
  await complaints()
    .post(`${base}/contacts`)
    .set(handler)
    .send({
      party: 'complainant',
      channel: 'phone',
      contactedAt: new Date(Date.now() - 60_000).toISOString(),
      outcome: 'reached',
      note: 'Says the garage was approved',
    })
    .expect(200);
  await complaints()
    .post(`${base}/investigation-result`)
    .set(handler)
    .send({
      causeAnalysis: 'Depreciation applied to new parts',
      responsibleParty: 'insurer',
      policyClause: 'Clause 7.2',
      findings: 'The deduction was wrong',
    })
    .expect(200);
  const planned = await complaints()
    .post(`${base}/resolution-plan`)
    .set(handler)
    .send({
      outcome: 'upheld',
      summary: 'Claims review re-examines the deduction',
      nextSteps: 'A claims handler calls you within 3 working days',
      remedies: [{ kind: 're-examine-claim', description: 'Claims review re-examines the claim' }],
    })
    .expect(200);
  if (planned.body.status !== 'plan-adopted') throw new Error(`the plan is ${planned.body.status}`);
  await complaints().post(`${base}/resolution`).set(handler).send({ channel: 'sms' }).expect(200);
  return { complaintId, complaintNumber };
}

/** A complaint that is a question: received, then declined as not a complaint (handed to intake). */
export async function declineAsNotAComplaint(
  complaints: Http,
  as: As,
  channel = 'email',
): Promise<{ complaintId: string; complaintNumber: string }> {
  const desk = await as('customer-service', 'cs-agent-1');
  const received = await complaints()
    .post('/api/v1/complaint/complaints')
    .set(desk)
    .send({
      channel,
      customerId: 'cust-1001',
      name: 'Li Na',
      phone: '13800001001',
      email: 'li.na@example.com',
      description: 'Can my daughter drive my car under my policy?',
      request: 'Tell me whether she is covered',
      category: 'other',
      relatedClaimNumbers: [],
      requestedRemedies: ['explanation'],
    })
    .expect(201);
  const { complaintId, complaintNumber } = received.body as { complaintId: string; complaintNumber: string };
  await complaints()
    .post(`/api/v1/complaint/complaints/${complaintId}/decline`)
    .set(desk)
    .send({ reason: 'not-a-complaint', explanation: 'A question about cover, not a complaint' })
    .expect(200);
  return { complaintId, complaintNumber };
}
