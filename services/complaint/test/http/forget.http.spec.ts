import { ComplaintHarness, Who, startComplaintHarness } from './complaint-harness';

const desk: Who = { role: 'customer-service', subject: 'cs-agent-1' };
const admin: Who = { role: 'admin', subject: 'admin-1' };
const auditor: Who = { role: 'auditor', subject: 'auditor-1' };

/** Forgetting a complainant: their identity, words and files read as erased; the history stays replayable. */
describe('a forgotten complainant', () => {
  let h: ComplaintHarness;
  beforeAll(async () => {
    h = await startComplaintHarness();
  });
  afterAll(() => h.close());

  it('reads as [erased], their attachments as 410, and the complaint still folds and audits', async () => {
    const received = await h.post(desk, 'complaints', {
      channel: 'letter',
      customerId: 'cust-99',
      name: '赵小红',
      phone: '13900000099',
      description: 'Private medical details in my complaint',
      request: 'Pay for the operation',
      category: 'claim-denied',
    });
    const id: string = received.body.complaintId;
    const pdf = { bytes: Buffer.from('%PDF-1.4\nmedical report\n'), mediaType: 'application/pdf' };
    const uploaded = await h.upload(desk, `complaints/${id}/attachments`, 'medical-report', pdf);
    const documentId: string = uploaded.body.attachments[0].documentId;
    expect((await h.get(desk, `complaints/${id}/attachments/${documentId}/content`)).status).toBe(200);

    const forgotten = await h.post(admin, '/api/v1/personal-data/forget-requests', {
      subjectId: 'cust-99',
      reason: 'customer-request',
    });
    expect(forgotten.status).toBe(204);

    const view = await h.get(desk, `complaints/${id}`);
    expect(view.status).toBe(200);
    expect(view.body.complainant).toMatchObject({
      name: '[erased]',
      phone: '[erased]',
      description: '[erased]',
    });
    expect(JSON.stringify(view.body)).not.toContain('赵小红');
    const gone = await h.get(desk, `complaints/${id}/attachments/${documentId}/content`);
    expect(gone.status).toBe(410);
    const history = await h.get(auditor, `complaints/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body[0].personalFields).toEqual(expect.arrayContaining(['name', 'phone', 'description']));
    // handling goes on: the complaint is accepted after the erasure
    const accepted = await h.post(desk, `complaints/${id}/acceptance`, { riskFactors: [], riskNote: 'None' });
    expect(accepted.body.status).toBe('awaiting-assignment');
  });
});
