import { IntakeTestApp, motorReport, startIntake } from '../support/intake-app';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);

/** One shape per resource (a command answers with what its GET shows) and the auditors' surface. */
describe('intake views and auditors', () => {
  let t: IntakeTestApp;
  let agent: string;
  let auditor: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startIntake();
    agent = await t.token('customer-service', { subject: 'agent-1' });
    auditor = await t.token('auditor');
  });
  afterAll(() => t.close());

  const upload = (claimId: string, kind: string) =>
    t
      .http()
      .post(`/api/v1/claims/${claimId}/documents`)
      .set(auth(agent))
      .field('kind', kind)
      .attach('file', pdf(`${kind} ${claimId}`), { filename: `${kind}.pdf`, contentType: 'application/pdf' });

  it('answers each command with the resource as its GET shows it', async () => {
    const registered = await t
      .http()
      .post('/api/v1/consultations')
      .set(auth(agent))
      .send({ channel: 'counter', topic: 't', question: 'Which documents?', contact: { name: 'Li Na' } })
      .expect(201);
    const consultation = await t
      .http()
      .get(`/api/v1/consultations/${registered.body.consultationId}`)
      .set(auth(agent))
      .expect(200);
    expect(registered.body).toEqual(consultation.body);

    const reported = await t.http().post('/api/v1/claims').set(auth(agent)).send(motorReport()).expect(201);
    const claimId = reported.body.claimId;
    const read = await t.http().get(`/api/v1/claims/${claimId}`).set(auth(agent)).expect(200);
    expect(reported.body).toEqual(read.body);
    expect(reported.headers.etag).toBe('"0"');

    const uploaded = await upload(claimId, 'accident-report').expect(201);
    const document = await t
      .http()
      .get(`/api/v1/claims/${claimId}/documents/${uploaded.body.documentId}`)
      .set(auth(agent))
      .expect(200);
    expect(uploaded.body).toEqual(document.body);
    expect(document.body).toMatchObject({ claimId, kind: 'accident-report', revision: 1, round: null });
    expect(document.body).not.toHaveProperty('blobReference');
  });

  it('shows auditors every event with personal field names only, and the state at a revision or an instant', async () => {
    const reported = await t.http().post('/api/v1/claims').set(auth(agent)).send(motorReport()).expect(201);
    const claimId = reported.body.claimId;
    await upload(claimId, 'scene-photos').expect(201);

    const history = await t.http().get(`/api/v1/claims/${claimId}/history`).set(auth(auditor)).expect(200);
    expect(history.body.map((e: { revision: number }) => e.revision)).toEqual([0, 1]);
    expect(Object.keys(history.body[0]).sort()).toEqual([
      'actor',
      'causationId',
      'correlationId',
      'data',
      'eventId',
      'globalPosition',
      'occurredAt',
      'personalFields',
      'recordedAt',
      'revision',
      'schemaVersion',
      'type',
    ]);
    expect(history.body[0].personalFields.sort()).toEqual([
      'claimantName',
      'claimantPhone',
      'description',
      'insuredPersonName',
      'place',
    ]);
    expect(JSON.stringify(history.body)).not.toContain('Li Na');

    const atRevision = await t
      .http()
      .get(`/api/v1/claims/${claimId}/history/state?revision=0`)
      .set(auth(auditor))
      .expect(200);
    expect(atRevision.body).toMatchObject({
      claimId,
      asOf: null,
      revision: 0,
      documents: [],
      claimantName: 'Li Na',
    });
    const now = encodeURIComponent(t.clock.now().toISOString());
    const both = await t
      .http()
      .get(`/api/v1/claims/${claimId}/history/state?at=${now}&revision=1`)
      .set(auth(auditor))
      .expect(200);
    expect(both.body).toMatchObject({ revision: 1, documents: [{ kind: 'scene-photos' }] });

    const neither = await t
      .http()
      .get(`/api/v1/claims/${claimId}/history/state`)
      .set(auth(auditor))
      .expect(400);
    expect(neither.body.errors).toEqual([{ path: 'at', message: 'at or revision is required' }]);
    await t.http().get(`/api/v1/claims/${claimId}/history/state?revision=-1`).set(auth(auditor)).expect(400);
    await t
      .http()
      .get('/api/v1/claims/00000000-0000-4000-8000-000000000000/history')
      .set(auth(auditor))
      .expect(404);
  });
});
