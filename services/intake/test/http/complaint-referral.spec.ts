import { randomUUID } from 'node:crypto';
import { EventStore, PersonalDataVault, sealPersonalData } from '@claims/event-sourcing';
import { IntegrationEvent, deadLetterTopicOf, topicOf } from '@claims/messaging';
import { EVENT_STORE, PERSONAL_DATA_VAULT } from '@claims/service-host';
import { referredConsultationId } from '../../src/application/consultations/register-referred-consultation.command';
import { IntakeTestApp, eventually, startIntake } from '../support/intake-app';

const COMPLAINTS = topicOf('complaint');

describe('intake takes back what the complaint service declined as not a complaint', () => {
  let t: IntakeTestApp;
  let vault: PersonalDataVault;
  const auth = async (role = 'customer-service', extra = {}) => ({
    authorization: `Bearer ${await t.token(role, extra)}`,
  });

  /** ComplaintReferredAsConsultation as the complaint service publishes it (the words sealed). */
  async function referred(
    complaint: { complaintId: string; complaintNumber: string; channel: string; customerId: string | null },
    fields: Record<string, string> | null,
  ): Promise<IntegrationEvent> {
    const data = {
      complaintId: complaint.complaintId,
      complaintNumber: complaint.complaintNumber,
      customerId: complaint.customerId,
      channel: complaint.channel,
      category: 'other',
      referredAt: '2026-03-10T01:30:00.000Z',
    };
    const subjectId = complaint.customerId ?? `complainant-${complaint.complaintId}`;
    const sealed = fields
      ? (
          await sealPersonalData(
            { type: 'ComplaintReferredAsConsultation', data, personalData: { subjectId, fields } },
            vault,
          )
        ).data
      : data;
    return {
      specversion: '1.0',
      id: randomUUID(),
      source: '/claims-platform/complaint',
      type: 'ComplaintReferredAsConsultation',
      time: data.referredAt,
      subject: complaint.complaintId,
      datacontenttype: 'application/json',
      schemaversion: 1,
      correlationid: randomUUID(),
      data: sealed,
    };
  }

  const consultation = async (complaintId: string) =>
    eventually(async () => {
      const response = await t
        .http()
        .get(`/api/v1/consultations/${referredConsultationId(complaintId)}`)
        .set(await auth());
      if (response.status !== 200) throw new Error(`consultation not there yet (${response.status})`);
      return response.body;
    });

  beforeAll(async () => {
    t = await startIntake();
    vault = t.app.get<PersonalDataVault>(PERSONAL_DATA_VAULT, { strict: false });
  });
  afterAll(() => t.close());

  it('registers one consultation with the channel, the topic and what was asked, the words sealed in its history', async () => {
    const complaint = {
      complaintId: randomUUID(),
      complaintNumber: 'CMP-2026-000101',
      channel: 'hotline',
      customerId: 'cust-1001',
    };
    const fields = {
      name: '王小明',
      phone: '13800000000',
      description: 'How do I add my daughter to my motor policy?',
      request: 'Tell me which form to fill in',
    };
    const event = await referred(complaint, fields);
    await t.bus.publish(COMPLAINTS, [event]);
    const registered = await consultation(complaint.complaintId);
    expect(registered).toMatchObject({
      channel: 'hotline',
      topic: 'other',
      customerId: 'cust-1001',
      status: 'open',
      ownerId: null,
      question: 'How do I add my daughter to my motor policy?\n\nAsks: Tell me which form to fill in',
      contact: { name: '王小明', phone: '13800000000' },
      referredFrom: {
        complaintId: complaint.complaintId,
        complaintNumber: 'CMP-2026-000101',
        complaintChannel: 'hotline',
        category: 'other',
      },
    });
    // stored as every consultation: the words and the contact sealed for the customer
    const store = t.app.get<EventStore>(EVENT_STORE, { strict: false });
    const [stored] = await store.readStream(`consultation-${registered.consultationId}`);
    expect(stored.type).toBe('ConsultationRegistered');
    expect(JSON.stringify(stored.data)).not.toMatch(/王小明|13800000000|daughter/);
    expect(stored.data).toMatchObject({
      personalData: { subjectId: 'cust-1001', fieldNames: expect.arrayContaining(['question', 'contact']) },
    });
    // on the desk's queue with its complaint number, waiting for a taker
    const queue = await t
      .http()
      .get('/api/v1/work-queue?kind=consultation')
      .set(await auth());
    expect(queue.body.items).toContainEqual(
      expect.objectContaining({ caseId: registered.consultationId, reference: 'CMP-2026-000101' }),
    );
    // told again (a redelivery, a republish under another id): still one consultation, unchanged
    await t.bus.publish(COMPLAINTS, [event, { ...event, id: randomUUID() }]);
    const again = await t.bus.readTopic(COMPLAINTS);
    expect(again.filter((m) => m.event.subject === complaint.complaintId)).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await consultation(complaint.complaintId);
    expect(after).toEqual(registered);
    const ids = (
      await t
        .http()
        .get('/api/v1/work-queue?kind=consultation')
        .set(await auth())
    ).body.items
      .filter((i: { reference: string | null }) => i.reference === 'CMP-2026-000101')
      .map((i: { caseId: string }) => i.caseId);
    expect(ids).toEqual([registered.consultationId]);
    expect((await t.bus.readTopic(deadLetterTopicOf(COMPLAINTS))).length).toBe(0);
  });

  it('answers a letter at the counter, and a person who is not a customer under the consultation’s own key', async () => {
    const complaint = {
      complaintId: randomUUID(),
      complaintNumber: 'CMP-2026-000102',
      channel: 'letter',
      customerId: null,
    };
    await t.bus.publish(COMPLAINTS, [
      await referred(complaint, {
        name: 'Zhang Wei',
        phone: '13900000000',
        description: 'Which branch is open on Sunday?',
        request: 'The address',
      }),
    ]);
    const registered = await consultation(complaint.complaintId);
    expect(registered).toMatchObject({
      channel: 'counter',
      customerId: null,
      contact: { name: 'Zhang Wei', phone: '13900000000' },
      referredFrom: { complaintChannel: 'letter' },
    });
  });

  it('dead-letters a referral not of the schema, and follows nothing else of the complaint topic', async () => {
    const broken = await referred(
      { complaintId: 'not-a-uuid', complaintNumber: 'CMP-2026-000103', channel: 'email', customerId: null },
      null,
    );
    const other = { ...broken, id: randomUUID(), type: 'ComplaintReceived' };
    await t.bus.publish(COMPLAINTS, [other, broken]);
    await eventually(async () => {
      const dead = await t.bus.readTopic(deadLetterTopicOf(COMPLAINTS));
      if (!dead.some((m) => m.event.id === broken.id)) throw new Error('not dead-lettered yet');
      expect(dead.some((m) => m.event.id === other.id)).toBe(false);
    }, 30_000);
  }, 40_000);
});
