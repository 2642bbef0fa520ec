import { randomUUID } from 'node:crypto';
import { Role } from '@claims/service-host';
import request from 'supertest';
import { SubmittedClaim } from '../src/domain/claim-facts';
import { CASE_STATUSES } from '../src/domain/review-case/review-case.state';
import { cny, submittedClaim } from './fixtures';
import { ReviewHarness, handlerOf, startReviewHarness, walk } from './http-harness';

type Status = (typeof CASE_STATUSES)[number];

/**
 * Every command route on a case in every status, as the role that may call it: the answer is the
 * case view (200), a rule's refusal (422 with its code) or 404 for no case, always a problem
 * document when refused, never a 5xx, and a refusal stores no event.
 */
describe('every command route in every status, through HTTP', () => {
  let h: ReviewHarness;

  beforeAll(async () => {
    h = await startReviewHarness();
  }, 30_000);
  afterAll(() => h.close());

  const handler = async (claim: SubmittedClaim) => {
    const handlerId = await handlerOf(h, claim.claimId);
    return (path: string, body: object) => h.post('claims-handler', handlerId, path, body);
  };

  /** A fresh case in the status (60,000.00 on a motor policy: above the handler's authority). */
  const caseIn = async (status: Status | 'none'): Promise<SubmittedClaim> => {
    const fresh = submittedClaim({ estimatedLoss: cny(6_000_000) });
    // a policy of its own: payments on other cases never use up its sum insured
    const claim = { ...fresh, policy: { ...fresh.policy, policyNumber: `POL-${fresh.claimId.slice(0, 8)}` } };
    if (status === 'none') return claim;
    await h.submit(claim);
    const id = claim.claimId;
    switch (status) {
      case 'awaiting-acceptance':
        break;
      case 'in-review':
        await walk(h, claim, 'assessed');
        break;
      case 'awaiting-documents':
        await walk(h, claim, 'accepted');
        await (
          await handler(claim)
        )(`${id}/supplementary-document-requests`, {
          items: [{ documentKind: 'repair-estimate', reason: 'Signed, please' }],
        });
        break;
      case 'under-investigation':
        await walk(h, claim, 'accepted');
        await (
          await handler(claim)
        )(`${id}/investigation`, {
          investigatorId: 'investigator-1',
          mode: 'remote',
          instructions: 'Check the photos',
        });
        break;
      case 'awaiting-approval':
        await walk(h, claim, 'proposed');
        break;
      case 'denied':
        await walk(h, claim, 'assessed');
        await (
          await handler(claim)
        )(`${id}/decision-proposal`, {
          outcome: 'deny',
          reasonCodes: ['exclusion'],
          explanation: 'Racing',
          policyBasis: 'Exclusion 4.2',
        });
        await h.post('approver', 'approver-1', `${id}/approval`, {});
        break;
      case 'approved':
        await walk(h, claim, 'approved');
        break;
      case 'payment-instructed':
        await walk(h, claim, 'instructed');
        break;
      case 'paid':
        await walk(h, claim, 'paid');
        break;
      case 'closed':
        await walk(h, claim, 'closed');
        break;
    }
    const shown = (await h.get('auditor', 'auditor-1', `cases/${id}`)).body.status;
    if (shown !== status) throw new Error(`built ${shown}, wanted ${status}`);
    return claim;
  };

  type Route = { path: string; role: Role; as?: 'handler'; body: (claim: SubmittedClaim) => object };
  const ROUTES: Route[] = [
    { path: 'acceptance', role: 'claims-acceptor', body: () => ({}) },
    {
      path: 'reassignment',
      role: 'manager',
      body: () => ({ handlerId: 'handler-motor-9', reason: 'Cover' }),
    },
    {
      path: 'document-review',
      role: 'claims-handler',
      as: 'handler',
      body: () => ({ findings: [{ documentId: 'doc-1', authentic: true, complete: true, compliant: true }] }),
    },
    {
      path: 'supplementary-document-requests',
      role: 'claims-handler',
      as: 'handler',
      body: () => ({ items: [{ documentKind: 'scene-photos', reason: 'Clearer ones' }] }),
    },
    {
      path: 'suspicions',
      role: 'claims-handler',
      as: 'handler',
      body: () => ({ suspicion: 'fraud', reason: 'Odd' }),
    },
    {
      path: 'investigation',
      role: 'claims-handler',
      as: 'handler',
      body: () => ({ investigatorId: 'investigator-1', mode: 'on-site', instructions: 'Visit' }),
    },
    {
      path: 'investigation/findings',
      role: 'investigator',
      body: () => ({ findings: 'Nothing found', confirmedSuspicions: [], clearedSuspicions: ['fraud'] }),
    },
    {
      path: 'loss-assessment',
      role: 'claims-handler',
      as: 'handler',
      body: (c) => ({
        assessedLoss: c.estimatedLoss,
        breakdown: [{ item: 'repair', amount: c.estimatedLoss }],
        method: 'remote',
      }),
    },
    {
      path: 'decision-proposal',
      role: 'claims-handler',
      as: 'handler',
      body: () => ({ outcome: 'approve', explanation: 'Covered', policyBasis: 'Clause 3' }),
    },
    { path: 'approval', role: 'approver', body: () => ({ comment: 'Agreed' }) },
    { path: 'send-back', role: 'manager', body: () => ({ comment: 'Again' }) },
    {
      path: 'payment-instruction',
      role: 'claims-handler',
      as: 'handler',
      body: () => ({ method: 'cheque' }),
    },
    {
      path: 'payment-confirmation',
      role: 'claims-handler',
      as: 'handler',
      body: () => ({
        reference: 'BANK-2',
        paidOn: h.clock.now().toISOString().slice(0, 10),
        amount: cny(4_720_000),
      }),
    },
    { path: 'closure', role: 'claims-handler', as: 'handler', body: () => ({ summary: 'Done' }) },
    { path: 'reopening', role: 'manager', body: () => ({ reason: 'New facts' }) },
  ];

  const subjectFor = async (route: Route, claim: SubmittedClaim): Promise<string> => {
    if (route.as === 'handler') {
      const view = await h.get('auditor', 'auditor-1', `cases/${claim.claimId}`);
      return view.status === 200 && view.body.handlerId ? view.body.handlerId : 'handler-motor-1';
    }
    return (
      { investigator: 'investigator-1', approver: 'approver-1', manager: 'manager-1' }[
        route.role as string
      ] ?? 'acceptor-1'
    );
  };

  const historyLength = async (claimId: string) => {
    const history = await h.get('auditor', 'auditor-1', `cases/${claimId}/history`);
    return history.status === 200 ? (history.body as unknown[]).length : 0;
  };

  it('answers 200, 404 or a 422 with its code, never a 5xx, and stores nothing on a refusal', async () => {
    const matrix: Record<string, Record<string, string>> = {};
    const failures: string[] = [];
    for (const status of [...CASE_STATUSES, 'none' as const]) {
      for (const route of ROUTES) {
        const claim = await caseIn(status);
        const before = await historyLength(claim.claimId);
        const subject = await subjectFor(route, claim);
        const answer = await request(h.app.getHttpServer())
          .post(`/api/v1/claims-review/cases/${claim.claimId}/${route.path}`)
          .set('authorization', await h.bearer(route.role, subject))
          .set('idempotency-key', randomUUID())
          .send(route.body(claim));
        const where = `${route.path} in ${status}`;
        const code = answer.status === 422 ? `422 ${answer.body.code}` : String(answer.status);
        (matrix[route.path] ??= {})[status] = code;
        if (![200, 404, 422].includes(answer.status))
          failures.push(`${where}: ${answer.status} ${answer.text}`);
        if (answer.status >= 400) {
          if (!/application\/problem\+json/.test(answer.headers['content-type'] ?? ''))
            failures.push(`${where}: not a problem document`);
          if (answer.body.status !== answer.status)
            failures.push(`${where}: problem status ${answer.body.status}`);
          if (answer.status === 422 && !/^[a-z]+(-[a-z0-9]+)*$/.test(answer.body.code ?? ''))
            failures.push(`${where}: 422 without a code`);
          if ((await historyLength(claim.claimId)) !== before)
            failures.push(`${where}: a refusal stored events`);
        }
        if (status === 'none' && answer.status !== 404) failures.push(`${where}: ${answer.status}, not 404`);
        if (status === 'closed' && route.path !== 'reopening' && answer.status !== 422)
          failures.push(`${where}: ${answer.status} on a closed case`);
      }
    }
    expect(failures).toEqual([]);
    // the state machine as the API shows it: a few rows that matter
    expect(matrix.closure).toMatchObject({
      'in-review': '422 not-closable',
      'awaiting-approval': '422 not-closable',
      approved: '422 not-closable',
      paid: '200',
      denied: '200',
      closed: '422 not-closable',
    });
    expect(matrix.reopening).toMatchObject({ closed: '200', 'in-review': '422 wrong-status' });
    expect(matrix['payment-instruction']).toMatchObject({ approved: '200', closed: '422 wrong-status' });
  }, 300_000);
});
