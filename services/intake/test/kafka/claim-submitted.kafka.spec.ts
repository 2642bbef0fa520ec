import { IntakeTestApp, eventually, motorReport, startIntake } from '../support/intake-app';
import { reachable } from '../support/reachable';

const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

const describeWithKafka = reachable('Kafka', brokers.split(',')[0]) ? describe : describe.skip;

describeWithKafka('a submitted claim on Kafka', () => {
  let t: IntakeTestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startIntake({ BUS: 'kafka', KAFKA_BROKERS: brokers });
  }, 60_000);
  afterAll(() => t?.close(), 30_000);

  it('arrives as ClaimSubmitted v1 on claims-platform.intake, keyed by the claim id', async () => {
    const agent = await t.token('customer-service', { subject: 'agent-kafka' });
    const claim = await t.http().post('/api/v1/claims').set(auth(agent)).send(motorReport()).expect(201);
    const { claimId, claimNumber } = claim.body;
    for (const kind of ['accident-report', 'scene-photos', 'repair-estimate', 'driving-licence']) {
      await t
        .http()
        .post(`/api/v1/claims/${claimId}/documents`)
        .set(auth(agent))
        .field('kind', kind)
        .attach('file', Buffer.from(`%PDF-1.4 ${kind} ${claimId}`), {
          filename: 'f.pdf',
          contentType: 'application/pdf',
        })
        .expect(201);
    }
    await t.http().post(`/api/v1/claims/${claimId}/submission`).set(auth(agent)).expect(200);
    const message = await eventually(async () => {
      const found = (await t.bus.readTopic('claims-platform.intake')).find(
        (m) => m.event.type === 'ClaimSubmitted' && m.event.subject === claimId,
      );
      if (!found) throw new Error('not on Kafka yet');
      return found;
    }, 30_000);
    expect(message.key).toBe(claimId);
    expect(message.event).toMatchObject({
      specversion: '1.0',
      source: '/claims-platform/intake',
      schemaversion: 1,
      data: { claimId, claimNumber, customerId: 'cust-1001' },
    });
  }, 60_000);
});
