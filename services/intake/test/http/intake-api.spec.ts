import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { integrationEventFrom } from '@claims/messaging';
import { IntakeTestApp, eventually, motorReport, startIntake } from '../support/intake-app';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);
const MOTOR_REQUIRED = ['accident-report', 'scene-photos', 'repair-estimate', 'driving-licence'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Supertest buffers a binary body only when asked to. */
const binary = (res: unknown, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on('error', done);
  stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('intake API (through the HTTP host, embedded adapters)', () => {
  let t: IntakeTestApp;
  let agent: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startIntake();
    agent = await t.token('customer-service', { subject: 'agent-1' });
  });
  afterAll(() => t.close());

  const upload = (claimId: string, kind: string, bytes: Buffer, token = agent, type = 'application/pdf') =>
    t
      .http()
      .post(`/api/v1/claims/${claimId}/documents`)
      .set(auth(token))
      .field('kind', kind)
      .attach('file', bytes, { filename: `${kind}.pdf`, contentType: type });

  const reportClaim = async (overrides = {}, token = agent) => {
    const response = await t.http().post('/api/v1/claims').set(auth(token)).send(motorReport(overrides));
    expect(response.status).toBe(201);
    return response.body as { claimId: string; claimNumber: string };
  };

  it('takes a hotline consultation to a submitted claim that claims review hears about', async () => {
    const consultation = await t
      .http()
      .post('/api/v1/consultations')
      .set(auth(agent))
      .send({
        channel: 'hotline',
        topic: 'claim-procedure',
        question: 'I was rear-ended. What do I need?',
        contact: { name: 'Li Na', phone: '+86 138 0000 1001' },
        customerId: 'cust-1001',
      })
      .expect(201);
    expect(consultation.body).toMatchObject({
      ownerId: 'agent-1',
      status: 'open',
      responseDueAt: '2026-03-10T04:00:00.000Z',
    });
    const queue = await t.http().get('/api/v1/work-queue?ownerId=agent-1').set(auth(agent)).expect(200);
    expect(queue.body.items.map((i: { caseId: string }) => i.caseId)).toContain(
      consultation.body.consultationId,
    );

    const claim = await reportClaim({ consultationId: consultation.body.consultationId });
    expect(claim.claimNumber).toMatch(/^CLM-2026-\d{6}$/);
    const consulted = await t
      .http()
      .get(`/api/v1/consultations/${consultation.body.consultationId}`)
      .set(auth(agent))
      .expect(200);
    expect(consulted.body).toMatchObject({
      status: 'turned-into-claim',
      claimId: claim.claimId,
      question: 'I was rear-ended. What do I need?',
    });

    const application = await t.http().get(`/api/v1/claims/${claim.claimId}`).set(auth(agent)).expect(200);
    expect(
      application.body.checklist
        .filter((i: { required: boolean }) => i.required)
        .map((i: { kind: string }) => i.kind),
    ).toEqual(MOTOR_REQUIRED);
    expect(application.body.checklist[0].description).toMatch(/accident report/);
    expect(application.body).toMatchObject({ claimantName: 'Li Na', status: 'collecting-documents' });

    const first = await upload(claim.claimId, 'accident-report', pdf('police report')).expect(201);
    expect(first.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const refused = await t
      .http()
      .post(`/api/v1/claims/${claim.claimId}/submission`)
      .set(auth(agent))
      .expect(422);
    expect(refused.body.code).toBe('documents-missing');
    expect(refused.body.missingDocuments.map((d: { kind: string }) => d.kind)).toEqual([
      'scene-photos',
      'repair-estimate',
      'driving-licence',
    ]);

    for (const kind of ['scene-photos', 'repair-estimate', 'driving-licence'])
      await upload(claim.claimId, kind, pdf(kind)).expect(201);
    const submitted = await t
      .http()
      .post(`/api/v1/claims/${claim.claimId}/submission`)
      .set(auth(agent))
      .expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', claimNumber: claim.claimNumber });

    const published = await eventually(async () => {
      const messages = await t.bus.readTopic('claims-platform.intake');
      const found = messages.find(
        (m) => m.event.type === 'ClaimSubmitted' && m.event.subject === claim.claimId,
      );
      if (!found) throw new Error('ClaimSubmitted not published yet');
      return found.event;
    });
    expect(published).toMatchObject({ source: '/claims-platform/intake', schemaversion: 1 });
    const data = published.data as Record<string, unknown>;
    expect(data).toMatchObject({
      claimId: claim.claimId,
      claimNumber: claim.claimNumber,
      customerId: 'cust-1001',
      channel: 'hotline',
      feedbackChannel: 'sms',
      estimatedLoss: { amountMinor: 1250000, currency: 'CNY' },
      accident: { occurredAt: '2026-03-09T00:30:00.000Z', cause: 'collision', lossKind: 'vehicle-damage' },
      policy: {
        policyNumber: 'MOT-2026-000001',
        productLine: 'motor',
        coverStart: '2026-01-01',
        status: 'in-force',
        coverageRatioPercent: 100,
      },
    });
    expect(data.documents).toHaveLength(4);
    expect(JSON.stringify(data)).not.toContain('Li Na');
    expect((data.personalData as { ciphertext: string }).ciphertext).toEqual(expect.any(String));
    const all = await t.bus.readTopic('claims-platform.intake');
    expect(
      all.every((m) => ['ClaimSubmitted', 'SupplementaryDocumentsProvided'].includes(m.event.type)),
    ).toBe(true);

    const status = await t.http().get(`/api/v1/claims/${claim.claimId}/status`).set(auth(agent)).expect(200);
    expect(status.body).toMatchObject({ status: 'submitted', documentsSupplied: 4 });
    const queueAfter = await t.http().get('/api/v1/work-queue').set(auth(agent)).expect(200);
    expect(queueAfter.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(claim.claimId);
  });

  it('records a supplementary request from claims review and hands the documents back', async () => {
    const claim = await reportClaim();
    for (const kind of MOTOR_REQUIRED)
      await upload(claim.claimId, kind, pdf(`${kind}-${claim.claimId}`)).expect(201);
    await t.http().post(`/api/v1/claims/${claim.claimId}/submission`).set(auth(agent)).expect(200);

    const request = integrationEventFrom(
      {
        eventId: randomUUID(),
        type: 'SupplementaryDocumentsRequested',
        schemaVersion: 1,
        occurredAt: new Date().toISOString(),
        correlationId: 'c1',
        causationId: null,
        actor: { id: 'handler-1', role: 'claims-handler' },
        metadata: {},
        streamId: `review-${claim.claimId}`,
        streamRevision: 0,
        globalPosition: 1,
        recordedAt: new Date().toISOString(),
        data: {
          claimId: claim.claimId,
          claimNumber: claim.claimNumber,
          round: 1,
          items: [{ documentKind: 'vehicle-registration', reason: 'The car is not the one on the policy' }],
          requestedAt: '2026-03-10T03:00:00Z',
        },
      },
      'claims-review',
      claim.claimId,
    );
    await t.bus.publish('claims-platform.claims-review', [request]);
    await t.bus.publish('claims-platform.claims-review', [request]);
    const application = await eventually(async () => {
      const response = await t.http().get(`/api/v1/claims/${claim.claimId}`).set(auth(agent)).expect(200);
      if (response.body.status !== 'awaiting-supplementary-documents') throw new Error('not yet');
      return response.body;
    });
    expect(application.supplementaryRequests).toEqual([
      {
        round: 1,
        items: [{ documentKind: 'vehicle-registration', reason: 'The car is not the one on the policy' }],
        requestedAt: '2026-03-10T03:00:00Z',
        providedAt: null,
      },
    ]);
    const customer = await t.token('customer', { customerId: 'cust-1001' });
    const early = await t
      .http()
      .post(`/api/v1/claims/${claim.claimId}/supplementary-documents`)
      .set(auth(customer))
      .expect(422);
    expect(early.body).toMatchObject({
      code: 'supplementary-documents-missing',
      missingDocuments: [{ kind: 'vehicle-registration' }],
    });
    await upload(
      claim.claimId,
      'vehicle-registration',
      pdf(`registration-${claim.claimId}`),
      customer,
    ).expect(201);
    await t
      .http()
      .post(`/api/v1/claims/${claim.claimId}/supplementary-documents`)
      .set(auth(customer))
      .expect(200);
    const provided = await eventually(async () => {
      const found = (await t.bus.readTopic('claims-platform.intake')).find(
        (m) => m.event.type === 'SupplementaryDocumentsProvided' && m.event.subject === claim.claimId,
      );
      if (!found) throw new Error('not yet');
      return found.event.data as { round: number; documents: Array<{ kind: string }> };
    });
    expect(provided).toMatchObject({
      claimId: claim.claimId,
      claimNumber: claim.claimNumber,
      round: 1,
      documents: [{ kind: 'vehicle-registration' }],
    });
    const history = await t
      .http()
      .get(`/api/v1/claims/${claim.claimId}/history`)
      .set(auth(await t.token('auditor')))
      .expect(200);
    expect(
      history.body.filter((e: { type: string }) => e.type === 'SupplementaryDocumentsRequestReceived'),
    ).toHaveLength(1);
  });

  describe('customer self-service', () => {
    it('lets a customer report on their own policy, upload, and track only their own claims', async () => {
      const alice = await t.token('customer', { customerId: 'cust-1002', subject: 'alice' });
      const bob = await t.token('customer', { customerId: 'cust-1003', subject: 'bob' });
      const claim = await reportClaim(
        {
          policyNumber: 'HEA-2026-000002',
          insuredPersonId: 'cust-1002',
          channel: 'mobile-app',
          accident: { ...motorReport().accident, lossKind: 'medical-expenses', cause: 'accidental-injury' },
        },
        alice,
      );
      await upload(claim.claimId, 'diagnosis', pdf('diagnosis alice'), alice).expect(201);
      const mine = await t.http().get('/api/v1/claims').set(auth(alice)).expect(200);
      expect(mine.body.items.map((c: { claimId: string }) => c.claimId)).toEqual([claim.claimId]);
      expect((await t.http().get('/api/v1/claims').set(auth(bob)).expect(200)).body).toEqual({
        items: [],
        nextCursor: null,
      });
      await t.http().get(`/api/v1/claims/${claim.claimId}`).set(auth(bob)).expect(404);
      await t.http().get(`/api/v1/claims/${claim.claimId}/status`).set(auth(bob)).expect(404);
      await upload(claim.claimId, 'diagnosis', pdf('bob'), bob).expect(404);
      await t.http().post(`/api/v1/claims/${claim.claimId}/submission`).set(auth(bob)).expect(404);
      const foreign = await t.http().post('/api/v1/claims').set(auth(bob)).send(motorReport()).expect(422);
      expect(foreign.body.code).toBe('policy-unknown');
      await t.http().get('/api/v1/policies/MOT-2026-000001').set(auth(bob)).expect(404);
    });
  });

  describe('document download', () => {
    const content = (claimId: string, documentId: string, token: string) =>
      t
        .http()
        .get(`/api/v1/claims/${claimId}/documents/${documentId}/content`)
        .set(auth(token))
        .buffer(true)
        .parse(binary);

    it("gives staff and the claim's own customer the file as uploaded, and no one else", async () => {
      const claim = await reportClaim();
      const scan = pdf(`Driving licence of Li Na, No. 310101198001011234 (${claim.claimId})`);
      const uploaded = await upload(claim.claimId, 'driving-licence', scan).expect(201);
      const documentId = uploaded.body.documentId;

      const staff = await content(claim.claimId, documentId, agent).expect(200);
      expect(Buffer.compare(staff.body, scan)).toBe(0);
      expect(staff.headers['content-type']).toBe('application/pdf');
      expect(staff.headers['content-disposition']).toBe(
        `attachment; filename="driving-licence-${documentId}.pdf"`,
      );
      expect(staff.headers['cache-control']).toBe('no-store');
      const handler = await content(claim.claimId, documentId, await t.token('claims-handler')).expect(200);
      expect(Buffer.compare(handler.body, scan)).toBe(0);

      const own = await content(
        claim.claimId,
        documentId,
        await t.token('customer', { customerId: 'cust-1001' }),
      ).expect(200);
      expect(Buffer.compare(own.body, scan)).toBe(0);
      const other = await t
        .http()
        .get(`/api/v1/claims/${claim.claimId}/documents/${documentId}/content`)
        .set(auth(await t.token('customer', { customerId: 'cust-1003' })))
        .expect(404);
      expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
      await t
        .http()
        .get(`/api/v1/claims/${claim.claimId}/documents/${randomUUID()}/content`)
        .set(auth(agent))
        .expect(404);
      await t
        .http()
        .get(`/api/v1/claims/${randomUUID()}/documents/${documentId}/content`)
        .set(auth(agent))
        .expect(404);
      await t.http().get(`/api/v1/claims/${claim.claimId}/documents/${documentId}/content`).expect(401);
    });

    it('keeps no uploaded document in clear on disk', async () => {
      const claim = await reportClaim();
      const marker = `Discharge summary: Li Na, fractured wrist (${claim.claimId})`;
      await upload(claim.claimId, 'accident-report', pdf(marker)).expect(201);
      const blobs = filesUnder(join(t.config.DATA_DIR, 'intake', 'blobs'));
      expect(blobs.length).toBeGreaterThan(0);
      const holding = blobs.filter((file) => readFileSync(file).includes(Buffer.from(marker)));
      expect(holding).toEqual([]);
      expect(blobs.filter((file) => readFileSync(file).includes(Buffer.from('%PDF-1.4')))).toEqual([]);
    });

    it('is documented in OpenAPI with its media types and answers', async () => {
      const openApi = (await t.http().get('/api/docs-json').expect(200)).body;
      const operation = openApi.paths['/api/v1/claims/{claimId}/documents/{documentId}/content'].get;
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '404', '410']));
      expect(Object.keys(operation.responses['200'].content)).toEqual(
        expect.arrayContaining(['application/pdf', 'image/jpeg', 'image/png']),
      );
    });

    it('answers 410 Gone once the customer was forgotten', async () => {
      const own = await startIntake();
      try {
        const staff = await own.token('customer-service', { subject: 'agent-1' });
        const claim = (
          await own.http().post('/api/v1/claims').set(auth(staff)).send(motorReport()).expect(201)
        ).body;
        const uploaded = await own
          .http()
          .post(`/api/v1/claims/${claim.claimId}/documents`)
          .set(auth(staff))
          .field('kind', 'accident-report')
          .attach('file', pdf('police report'), { filename: 'report.pdf', contentType: 'application/pdf' })
          .expect(201);
        const path = `/api/v1/claims/${claim.claimId}/documents/${uploaded.body.documentId}/content`;
        await own.http().get(path).set(auth(staff)).expect(200);
        await own
          .http()
          .post('/api/v1/personal-data/forget-requests')
          .set(auth(await own.token('admin')))
          .send({ subjectId: 'cust-1001', reason: 'customer-request' })
          .expect(204);
        const gone = await own.http().get(path).set(auth(staff)).expect(410);
        expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(gone.body).toMatchObject({ status: 410, title: 'Document erased' });
      } finally {
        await own.close();
      }
    });
  });

  describe('refusals', () => {
    it.each([
      ['an unknown policy', { policyNumber: 'MOT-9999-000000' }, 'policy-unknown'],
      [
        'a lapsed policy',
        { policyNumber: 'MOT-2025-000004', insuredPersonId: 'cust-1004' },
        'policy-not-in-force',
      ],
      [
        'a policy not yet active',
        {
          policyNumber: 'HEA-2027-000005',
          insuredPersonId: 'cust-1005',
          accident: { ...motorReport().accident, lossKind: 'bodily-injury' },
        },
        'accident-before-cover-start',
      ],
      [
        'an accident in the future',
        { accident: { ...motorReport().accident, occurredAt: '2026-03-11T08:00:00+08:00' } },
        'accident-in-the-future',
      ],
      [
        'an accident before cover start',
        { accident: { ...motorReport().accident, occurredAt: '2025-12-31T23:00:00+08:00' } },
        'accident-before-cover-start',
      ],
      [
        'a person the policy does not insure',
        { insuredPersonId: 'someone-else' },
        'insured-person-not-on-policy',
      ],
      [
        'an estimate in another currency',
        { estimatedLoss: { amountMinor: 1000, currency: 'USD' } },
        'currency-mismatch',
      ],
    ])('refuses a claim on %s with 422', async (_case, overrides, code) => {
      const response = await t
        .http()
        .post('/api/v1/claims')
        .set(auth(agent))
        .send(motorReport(overrides))
        .expect(422);
      expect(response.body).toMatchObject({ status: 422, code });
      expect(response.body.detail).toEqual(expect.any(String));
    });

    it.each([
      [
        'a float amount',
        { estimatedLoss: { amountMinor: 12.5, currency: 'CNY' } },
        'estimatedLoss.amountMinor',
      ],
      ['a missing accident', { accident: undefined }, 'accident'],
      [
        'an accident time without offset',
        { accident: { ...motorReport().accident, occurredAt: '2026-03-09T08:30:00' } },
        'accident.occurredAt',
      ],
      ['an unknown channel', { channel: 'pigeon' }, 'channel'],
      ['an unknown field', { approved: true }, 'approved'],
      ['an unknown nested field', { claimant: { name: 'x', phone: '+86 1', ssn: '1' } }, 'claimant.ssn'],
    ])('refuses %s with 400 naming the field', async (_case, overrides, path) => {
      const response = await t
        .http()
        .post('/api/v1/claims')
        .set(auth(agent))
        .send(motorReport(overrides))
        .expect(400);
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    });

    it('refuses a duplicate upload, a wrong file type and an unknown document kind', async () => {
      const claim = await reportClaim();
      const first = await upload(claim.claimId, 'scene-photos', pdf(`photo-${claim.claimId}`)).expect(201);
      const again = await upload(claim.claimId, 'repair-estimate', pdf(`photo-${claim.claimId}`)).expect(422);
      expect(again.body).toMatchObject({
        code: 'duplicate-document',
        existingDocumentId: first.body.documentId,
      });
      const exe = await upload(
        claim.claimId,
        'repair-estimate',
        Buffer.from('MZ...'),
        agent,
        'application/x-msdownload',
      ).expect(422);
      expect(exe.body.code).toBe('document-type-not-accepted');
      const kind = await upload(claim.claimId, 'horoscope', pdf('stars')).expect(422);
      expect(kind.body.code).toBe('document-kind-unknown');
      const missingFile = await t
        .http()
        .post(`/api/v1/claims/${claim.claimId}/documents`)
        .set(auth(agent))
        .field('kind', 'scene-photos')
        .expect(400);
      expect(missingFile.body.errors).toEqual([{ path: 'file', message: 'file is required' }]);
    });

    it('answers 409 when the claim changed since the revision the caller saw', async () => {
      const claim = await reportClaim();
      const seen = await t.http().get(`/api/v1/claims/${claim.claimId}`).set(auth(agent)).expect(200);
      const revision = seen.headers.etag;
      await upload(claim.claimId, 'accident-report', pdf(`r-${claim.claimId}`))
        .set('if-match', revision)
        .expect(201);
      const stale = await upload(claim.claimId, 'scene-photos', pdf(`s-${claim.claimId}`))
        .set('if-match', revision)
        .expect(409);
      expect(stale.body.title).toBe('Concurrent change');
      await t
        .http()
        .post(`/api/v1/claims/${claim.claimId}/submission`)
        .set(auth(agent))
        .set('if-match', revision)
        .expect(409);
    });

    it('enforces first-responder ownership of consultations', async () => {
      const customer = await t.token('customer', { customerId: 'cust-1003' });
      const other = await t.token('customer-service', { subject: 'agent-2' });
      const web = await t
        .http()
        .post('/api/v1/consultations')
        .set(auth(customer))
        .send({
          channel: 'website',
          topic: 'coverage',
          question: 'Is flood covered?',
          contact: { email: 'chen@example.com' },
        })
        .expect(201);
      expect(web.body).not.toHaveProperty('ownerId'); // the customer's view
      const id = web.body.consultationId;
      expect(
        (await t.http().get(`/api/v1/consultations/${id}`).set(auth(agent)).expect(200)).body.ownerId,
      ).toBeNull();
      await t
        .http()
        .post(`/api/v1/consultations/${id}/answer`)
        .set(auth(agent))
        .send({ answer: 'Yes' })
        .expect(422);
      await t.http().post(`/api/v1/consultations/${id}/take`).set(auth(agent)).expect(200);
      const taken = await t.http().post(`/api/v1/consultations/${id}/take`).set(auth(other)).expect(422);
      expect(taken.body).toMatchObject({ code: 'consultation-already-owned', ownerId: 'agent-1' });
      await t
        .http()
        .post(`/api/v1/consultations/${id}/handovers`)
        .set(auth(agent))
        .send({ toAgentId: 'agent-2', reason: 'Property specialist' })
        .expect(200);
      await t
        .http()
        .post(`/api/v1/consultations/${id}/answer`)
        .set(auth(agent))
        .send({ answer: 'Yes' })
        .expect(422);
      const answered = await t
        .http()
        .post(`/api/v1/consultations/${id}/answer`)
        .set(auth(other))
        .send({ answer: 'Yes, flood is covered.' })
        .expect(200);
      expect(answered.body).toMatchObject({ status: 'answered', ownerId: 'agent-2' });
      const staffView = await t.http().get(`/api/v1/consultations/${id}`).set(auth(agent)).expect(200);
      expect(staffView.body.handovers).toEqual([
        expect.objectContaining({
          fromAgentId: 'agent-1',
          toAgentId: 'agent-2',
          reason: 'Property specialist',
        }),
      ]);
      expect(staffView.body.answer).toMatchObject({
        text: 'Yes, flood is covered.',
        answeredBy: 'agent-2',
        withinPromise: true,
      });
      const seen = await t.http().get(`/api/v1/consultations/${id}`).set(auth(customer)).expect(200);
      expect(seen.body.answer).toEqual({ text: 'Yes, flood is covered.', answeredAt: expect.any(String) });
      expect(JSON.stringify(seen.body)).not.toMatch(/agent-1|agent-2|Property specialist/);
      await t
        .http()
        .get(`/api/v1/consultations/${id}`)
        .set(auth(await t.token('customer', { customerId: 'cust-9' })))
        .expect(404);
    });

    it('flags overdue response promises in the work queue, oldest first', async () => {
      const a = await t
        .http()
        .post('/api/v1/consultations')
        .set(auth(agent))
        .send({ channel: 'counter', topic: 'status', question: 'Where is my claim?', contact: { name: 'X' } })
        .expect(201);
      t.clock.advance({ minutes: 90 });
      const b = await t
        .http()
        .post('/api/v1/consultations')
        .set(auth(agent))
        .send({ channel: 'email', topic: 'status', question: 'And mine?', contact: { name: 'Y' } })
        .expect(201);
      const queue = await t.http().get('/api/v1/work-queue?kind=consultation').set(auth(agent)).expect(200);
      const ids = queue.body.items.map((i: { caseId: string }) => i.caseId);
      expect(ids.indexOf(a.body.consultationId)).toBeLessThan(ids.indexOf(b.body.consultationId));
      const byId = Object.fromEntries(queue.body.items.map((i: { caseId: string }) => [i.caseId, i]));
      expect(byId[a.body.consultationId]).toMatchObject({
        overdue: true,
        ageMinutes: 90,
        channel: 'counter',
      });
      expect(byId[b.body.consultationId]).toMatchObject({ overdue: false, ageMinutes: 0 });
      expect(JSON.stringify(queue.body)).not.toContain('Where is my claim');
      await t
        .http()
        .get('/api/v1/work-queue')
        .set(auth(await t.token('customer', { customerId: 'cust-1001' })))
        .expect(403);
    });
  });

  describe('policies', () => {
    const policy = {
      policyNumber: 'PRO-2026-000900',
      version: 1,
      productLine: 'property',
      holder: { customerId: 'cust-900', name: 'Ma Lin' },
      insuredPersons: [{ personId: 'cust-900', name: 'Ma Lin' }],
      coverStart: '2026-01-01',
      coverEnd: '2026-12-31',
      sumInsured: { amountMinor: 100000000, currency: 'CNY' },
      deductible: { amountMinor: 50000, currency: 'CNY' },
      coverageRatioPercent: 100,
      coveredPerils: ['fire'],
      exclusions: ['war'],
      status: 'in-force',
    };

    it('imports idempotently by number and version, singly and in bulk, for admins only', async () => {
      const admin = await t.token('admin');
      await t.http().post('/api/v1/policies').set(auth(agent)).send(policy).expect(403);
      expect(
        (await t.http().post('/api/v1/policies').set(auth(admin)).send(policy).expect(201)).body.outcome,
      ).toBe('imported');
      expect(
        (await t.http().post('/api/v1/policies').set(auth(admin)).send(policy).expect(200)).body.outcome,
      ).toBe('already-imported');
      const conflict = await t
        .http()
        .post('/api/v1/policies')
        .set(auth(admin))
        .send({ ...policy, status: 'cancelled' })
        .expect(422);
      expect(conflict.body.code).toBe('policy-version-conflict');
      const bulk = await t
        .http()
        .post('/api/v1/policies/bulk')
        .set(auth(admin))
        .send({
          policies: [
            { ...policy, version: 2, status: 'cancelled' },
            policy,
            { ...policy, policyNumber: 'PRO-2026-000901', coverEnd: '2025-01-01' },
          ],
        })
        .expect(201);
      expect(bulk.body.map((r: { outcome: string }) => r.outcome)).toEqual([
        'imported',
        'refused',
        'refused',
      ]);
      const read = await t.http().get('/api/v1/policies/PRO-2026-000900').set(auth(agent)).expect(200);
      expect(read.body).toMatchObject({ version: 2, status: 'cancelled', holder: { name: 'Ma Lin' } });
      const bad = await t
        .http()
        .post('/api/v1/policies')
        .set(auth(admin))
        .send({ ...policy, sumInsured: undefined })
        .expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('sumInsured');
    });
  });

  it('numbers concurrent claims uniquely', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.http().post('/api/v1/claims').set(auth(agent)).send(motorReport())),
    );
    const numbers = results.map((r) => r.body.claimNumber);
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(numbers).size).toBe(8);
  });

  it('shows auditors the full history and the state as of a past instant', async () => {
    const claim = await reportClaim();
    const before = t.clock.now().toISOString();
    t.clock.advance({ minutes: 5 });
    await upload(claim.claimId, 'accident-report', pdf(`audit-${claim.claimId}`)).expect(201);
    const auditor = await t.token('auditor');
    const history = await t
      .http()
      .get(`/api/v1/claims/${claim.claimId}/history`)
      .set(auth(auditor))
      .expect(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['ClaimReported', 'DocumentUploaded']);
    expect(history.body[0]).toMatchObject({
      schemaVersion: 1,
      actor: { id: 'agent-1', role: 'customer-service' },
      personalFields: expect.arrayContaining(['claimantName']),
    });
    const then = await t
      .http()
      .get(`/api/v1/claims/${claim.claimId}/history/state?at=${encodeURIComponent(before)}`)
      .set(auth(auditor))
      .expect(200);
    expect(then.body).toMatchObject({ asOf: before, documents: [], status: 'collecting-documents' });
    const now = await t
      .http()
      .get(
        `/api/v1/claims/${claim.claimId}/history/state?at=${encodeURIComponent(t.clock.now().toISOString())}`,
      )
      .set(auth(auditor))
      .expect(200);
    expect(now.body.documents).toHaveLength(1);
    await t.http().get(`/api/v1/claims/${claim.claimId}/history`).set(auth(agent)).expect(403);
    await t
      .http()
      .get(`/api/v1/claims/${claim.claimId}/history/state?at=2000-01-01T00:00:00Z`)
      .set(auth(auditor))
      .expect(404);
  });

  it('replays the state as of an instant on the domain clock, not when the events were stored', async () => {
    const claim = await reportClaim();
    const reportedAt = t.clock.now();
    t.clock.advance({ hours: 6 });
    await upload(claim.claimId, 'accident-report', pdf(`domain-time-${claim.claimId}`)).expect(201); // stored moments after the report
    const auditor = await t.token('auditor');
    const history = await t
      .http()
      .get(`/api/v1/claims/${claim.claimId}/history`)
      .set(auth(auditor))
      .expect(200);
    expect(history.body.map((e: { occurredAt: string }) => e.occurredAt)).toEqual([
      reportedAt.toISOString(),
      t.clock.now().toISOString(),
    ]);
    const meanwhile = new Date(reportedAt.getTime() + 3 * 3_600_000).toISOString();
    const then = await t
      .http()
      .get(`/api/v1/claims/${claim.claimId}/history/state?at=${encodeURIComponent(meanwhile)}`)
      .set(auth(auditor))
      .expect(200);
    expect(then.body).toMatchObject({ asOf: meanwhile, documents: [], status: 'collecting-documents' });
  });
});
