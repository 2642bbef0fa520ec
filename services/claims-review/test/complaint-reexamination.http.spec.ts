import { randomUUID } from 'node:crypto';
import { IntegrationEvent, MessageBus, deadLetterTopicOf, topicOf } from '@claims/messaging';
import { MESSAGE_BUS, READ_MODEL_DB } from '@claims/service-host';
import { DataSource } from 'typeorm';
import { ClaimReexaminationRequest } from '../src/infrastructure/read-models';
import { cny, submittedClaim } from './fixtures';
import { ReviewHarness, eventually, startReviewHarness, walk } from './http-harness';

const COMPLAINT_ID = '5f0c2a8e-1d4b-4c1e-9a3f-7b6d2e8c4a10';

/** The complaint service's ClaimReexaminationRequested, as it reaches the topic. */
function reexaminationRequested(
  claimNumber: string,
  complaintNumber = 'CMP-2025-000042',
  data: Record<string, unknown> = {},
): IntegrationEvent {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/claims-platform/complaint',
    type: 'ClaimReexaminationRequested',
    time: '2025-06-09T02:00:00.000Z',
    subject: COMPLAINT_ID,
    datacontenttype: 'application/json',
    schemaversion: 1,
    correlationid: randomUUID(),
    data: {
      complaintId: COMPLAINT_ID,
      complaintNumber,
      claimNumber,
      reason: `Complaint ${complaintNumber} upheld: depreciation wrongly applied`,
      requestedAt: '2025-06-09T02:00:00.000Z',
      ...data,
    },
  };
}

describe('claims review follows upheld complaints (ClaimReexaminationRequested)', () => {
  let h: ReviewHarness;
  let bus: MessageBus;
  let db: DataSource;
  const requests = (claimNumber: string) =>
    db
      .getRepository(ClaimReexaminationRequest)
      .find({ where: { claimNumber }, order: { recordedAt: 'ASC' } });
  const recorded = async (claimNumber: string, count: number) => {
    await eventually(async () => (await requests(claimNumber)).length >= count);
    return requests(claimNumber);
  };
  const tell = (event: IntegrationEvent) => bus.publish(topicOf('complaint'), [event]);

  beforeAll(async () => {
    h = await startReviewHarness();
    bus = h.app.get<MessageBus>(MESSAGE_BUS, { strict: false });
    db = h.app.get<DataSource>(READ_MODEL_DB, { strict: false });
  });
  afterAll(() => h.close());

  it('reopens the closed claim with the complaint as its reason, once however often it is told', async () => {
    const claim = submittedClaim({ claimNumber: 'CLM-2025-000501', estimatedLoss: cny(6_000_000) });
    await h.submit(claim);
    await walk(h, claim, 'closed');
    const asked = reexaminationRequested(claim.claimNumber);
    await tell(asked);
    await eventually(
      async () => (await h.get('auditor', 'auditor-1', `cases/${claim.claimId}`)).body.status === 'in-review',
    );
    const [request] = await recorded(claim.claimNumber, 1);
    expect(request).toMatchObject({
      claimId: claim.claimId,
      complaintNumber: 'CMP-2025-000042',
      outcome: 'reopened',
    });
    // told again (a redelivery, or the relay publishing it once more): nothing new
    await tell(asked);
    await tell({ ...asked, id: randomUUID() });
    await recorded(claim.claimNumber, 2);
    const rows = await requests(claim.claimNumber);
    expect(rows.map((r) => r.outcome)).toEqual(['reopened', 'already-reopened']);
    const reopened = (await h.published(claim.claimId)).filter((e) => e.type === 'ClaimReopened');
    expect(reopened).toHaveLength(1);
    expect(reopened[0].data).toEqual({
      claimId: claim.claimId,
      claimNumber: claim.claimNumber,
      reason:
        'Re-examination asked by upheld complaint CMP-2025-000042: Complaint CMP-2025-000042 upheld: depreciation wrongly applied',
      reopenedBy: 'claims-review.complaint-consumer',
      reopenedAt: expect.any(String),
    });
    const history = await h.get('auditor', 'auditor-1', `cases/${claim.claimId}/history`);
    expect(history.status).toBe(200);
  });

  it('records a claim it does not know, and one that is not closed, and goes on with the next message', async () => {
    await tell(reexaminationRequested('CLM-2025-999999', 'CMP-2025-000043'));
    const open = submittedClaim({ claimNumber: 'CLM-2025-000502', estimatedLoss: cny(6_000_000) });
    await h.submit(open);
    await walk(h, open, 'accepted');
    await tell(reexaminationRequested(open.claimNumber, 'CMP-2025-000044'));
    const [unknown] = await recorded('CLM-2025-999999', 1);
    expect(unknown).toMatchObject({ claimId: null, outcome: 'unknown-claim' });
    const [notClosed] = await recorded(open.claimNumber, 1);
    expect(notClosed).toMatchObject({ claimId: open.claimId, outcome: 'not-reopenable' });
    expect(notClosed.detail).toContain('in-review');
    // the consumer still works: a closed claim told afterwards is reopened
    const later = submittedClaim({ claimNumber: 'CLM-2025-000503', estimatedLoss: cny(6_000_000) });
    await h.submit(later);
    await walk(h, later, 'closed');
    await tell(reexaminationRequested(later.claimNumber, 'CMP-2025-000045'));
    const [done] = await recorded(later.claimNumber, 1);
    expect(done.outcome).toBe('reopened');
  });

  it('dead-letters a message that is not of the schema, and ignores the complaint events it does not follow', async () => {
    const broken = reexaminationRequested('CLM-2025-000504', 'CMP-2025-000046', {
      claimNumber: 'not-a-claim',
    });
    await tell({ ...broken, type: 'ComplaintReceived', id: randomUUID() });
    await tell(broken);
    await eventually(
      async () =>
        (await bus.readTopic(deadLetterTopicOf(topicOf('complaint')))).some((m) => m.event.id === broken.id),
      30_000,
    );
    expect(await requests('not-a-claim')).toEqual([]);
  }, 40_000);
});
