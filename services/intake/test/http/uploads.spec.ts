import { existsSync, readdirSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { join } from 'node:path';
import { ACCEPTED_MEDIA_TYPES, detectedKindOf } from '@claims/documents';
import { IntakeTestApp, startIntake } from '../support/intake-app';
import { FILE_SAMPLES, FOREIGN_SAMPLES, SampleType } from '../support/file-samples';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Uploads are trusted by their content, never by the type the client declares. */
describe('intake uploads: content checked against the declared type', () => {
  let t: IntakeTestApp;
  let agent: string;
  let auditor: string;
  let claimId: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startIntake();
    agent = await t.token('customer-service', { subject: 'agent-1' });
    auditor = await t.token('auditor');
    const reported = await t
      .http()
      .post('/api/v1/claims')
      .set(auth(agent))
      .send({
        policyNumber: 'PRO-2026-000003',
        insuredPersonId: 'cust-1003',
        accident: {
          occurredAt: '2026-03-08T21:00:00+08:00',
          place: 'Home',
          cause: 'water-damage',
          description: 'A pipe burst',
          lossKind: 'property-damage',
        },
        estimatedLoss: { amountMinor: 800000, currency: 'CNY' },
        claimant: { name: 'Chen Jie', phone: '+86 138 0000 1003' },
        feedbackChannel: 'email',
        channel: 'website',
      })
      .expect(201);
    claimId = reported.body.claimId;
  });
  afterAll(() => t.close());

  const upload = (bytes: Buffer, contentType: string, kind = 'damage-photos', token = agent) =>
    t
      .http()
      .post(`/api/v1/claims/${claimId}/documents`)
      .set(auth(token))
      .field('kind', kind)
      .attach('file', bytes, { filename: 'upload.bin', contentType });
  const stored = async () => ({
    events: (await t.http().get(`/api/v1/claims/${claimId}/history`).set(auth(auditor)).expect(200)).body
      .length as number,
    blobs: filesUnder(join(t.config.DATA_DIR, 'intake', 'blobs')).length,
  });

  const samples = Object.keys(FILE_SAMPLES) as SampleType[];
  const foreign = Object.keys(FOREIGN_SAMPLES);
  const mismatches = [
    ...samples.flatMap((declared) =>
      samples
        .filter((actual) => actual !== declared)
        .map((actual) => [declared, `a ${actual} file`, FILE_SAMPLES[actual]] as const),
    ),
    ...samples.flatMap((declared) => foreign.map((what) => [declared, what, FOREIGN_SAMPLES[what]] as const)),
  ];

  it.each(mismatches)(
    'refuses %s whose content is %s with 422, storing nothing',
    async (declared, what, sample) => {
      const before = await stored();
      const response = await upload(sample(`${declared} ${what}`), declared).expect(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        status: 422,
        code: 'document-content-mismatch',
        declaredMediaType: declared,
      });
      expect(response.body.detail).toMatch(/its content is/);
      expect(await stored()).toEqual(before);
    },
  );

  it('refuses an ELF and a PE executable sent as a PDF, naming them programs', async () => {
    for (const what of ['an ELF executable', 'a PE executable']) {
      const response = await upload(FOREIGN_SAMPLES[what](), 'application/pdf').expect(422);
      expect(response.body).toMatchObject({
        code: 'document-content-mismatch',
        detectedMediaType: 'executable',
      });
    }
  });

  it('refuses a type that is not accepted, whatever its content, storing nothing', async () => {
    const before = await stored();
    for (const type of [
      'application/x-msdownload',
      'application/octet-stream',
      'text/html',
      'image/svg+xml',
    ]) {
      const response = await upload(FILE_SAMPLES['application/pdf'](type), type).expect(422);
      expect(response.body.code).toBe('document-type-not-accepted');
    }
    expect(await stored()).toEqual(before);
  });

  it.each(samples)('takes a real %s', async (type) => {
    const response = await upload(FILE_SAMPLES[type](`accepted ${type}`), type).expect(201);
    expect(response.body).toMatchObject({ mediaType: type, kind: 'damage-photos' });
  });

  it('never answers 5xx to generated uploads: stored exactly when the content is of the declared type', async () => {
    const signatures = Object.values(FILE_SAMPLES).map((sample) => sample('').subarray(0, 12));
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      fc
        .tuple(
          fc.constantFrom(...signatures, ...Object.values(FOREIGN_SAMPLES).map((s) => s('').subarray(0, 8))),
          fc.uint8Array({ maxLength: 32 }),
        )
        .map(([head, tail]) => Buffer.concat([head, Buffer.from(tail)])),
    );
    const declared = fc.constantFrom(
      ...ACCEPTED_MEDIA_TYPES,
      'application/octet-stream',
      'text/plain',
      'image/gif',
      'application/x-elf',
    );
    await fc.assert(
      fc.asyncProperty(
        content,
        declared,
        fc.constantFrom('damage-photos', 'loss-inventory', 'Kind!', ''),
        async (bytes, type, kind) => {
          const before = await stored();
          const response = await t
            .http()
            .post(`/api/v1/claims/${claimId}/documents`)
            .set(auth(agent))
            .field('kind', kind)
            .attach('file', bytes, { filename: 'f', contentType: type });
          expect(response.status).toBeLessThan(500);
          expect(response.headers['content-type']).toMatch(
            response.status < 300 ? /^application\/json/ : /^application\/problem\+json/,
          );
          const fits =
            ACCEPTED_MEDIA_TYPES.some((accepted) => accepted === type) && detectedKindOf(bytes) === type;
          if (response.status === 201) expect(fits).toBe(true);
          else expect(await stored()).toEqual(before);
          if (fits && /^[a-z-]+$/.test(kind) && response.status !== 201)
            expect(response.body.code).toBe('duplicate-document');
        },
      ),
      { numRuns: 150, seed: 20261124 },
    );
  }, 120_000);
});
