import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { JsonLogger, PlatformConfig, createHost, issueToken, loadPlatformConfig } from '@claims/service-host';
import request from 'supertest';
import { allServices } from './embedded';
import { MOTOR_REQUIRED_DOCUMENTS, eventually, motorClaimReport, pdf } from './platform-test-support';

/** The personal values of one claim; none may survive anywhere on disk once the customer is forgotten. */
const PERSONAL = {
  claimantName: 'Ouyang Xiaoyan',
  claimantPhone: '+86 137 2468 1357',
  place: 'Xikang Road 88, Jingan District',
  description: 'Fractured left wrist when the car braked hard',
};

/** A scanned document as the claimant sends it: their name and ID number are in the file itself. */
const DOCUMENT_MARKER = `Driving licence: ${PERSONAL.claimantName}, ID 310104198805127733`;
const scan = (kind: string) => pdf(`${kind}\n${DOCUMENT_MARKER}`);

/** Supertest buffers a binary body only when asked to. */
const binary = (res: unknown, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on('error', done);
  stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function filesContaining(dir: string, values: readonly string[]): string[] {
  return filesUnder(dir).flatMap((file) => {
    const bytes = readFileSync(file);
    return values.filter((v) => bytes.includes(Buffer.from(v, 'utf8'))).map((v) => `${file}: ${v}`);
  });
}

describe('forget customer (crypto-shredding, end to end on the embedded platform)', () => {
  let dataDir: string;
  let config: PlatformConfig;

  const start = async (env: Record<string, string> = {}): Promise<INestApplication> => {
    config = loadPlatformConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '100000', ...env });
    const app = await createHost({
      name: 'platform',
      config,
      services: allServices(),
      logger: new JsonLogger('test', 'error'),
    });
    await app.init();
    return app;
  };
  const bearer = async (role: string, subject = `${role}-1`) => ({
    authorization: `Bearer ${await issueToken(config, { role: role as never, subject })}`,
  });

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'forget-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('leaves the history replayable and no personal value of the forgotten customer anywhere', async () => {
    const app = await start();
    let claimId: string;
    let documentId = '';
    try {
      const http = () => request(app.getHttpServer());
      const agent = await bearer('customer-service', 'agent-1');
      const reported = await http()
        .post('/api/v1/claims')
        .set(agent)
        .send(
          motorClaimReport({
            accident: {
              ...motorClaimReport().accident,
              place: PERSONAL.place,
              description: PERSONAL.description,
            },
            claimant: { name: PERSONAL.claimantName, phone: PERSONAL.claimantPhone },
          }),
        )
        .expect(201);
      claimId = reported.body.claimId;
      for (const kind of MOTOR_REQUIRED_DOCUMENTS) {
        const uploaded = await http()
          .post(`/api/v1/claims/${claimId}/documents`)
          .set(agent)
          .field('kind', kind)
          .attach('file', scan(kind), { filename: `${kind}.pdf`, contentType: 'application/pdf' })
          .expect(201);
        if (kind === 'driving-licence') documentId = uploaded.body.documentId;
      }
      const download = await http()
        .get(`/api/v1/claims/${claimId}/documents/${documentId}/content`)
        .set(agent)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(Buffer.compare(download.body, scan('driving-licence'))).toBe(0);
      await http().post(`/api/v1/claims/${claimId}/submission`).set(agent).expect(200);
      const acceptor = await bearer('claims-acceptor');
      const opened = await eventually(
        async () =>
          (await http().get(`/api/v1/claims-review/cases/${claimId}`).set(acceptor).expect(200)).body,
      );
      expect(JSON.stringify(opened)).toContain(PERSONAL.claimantName);
      // the scan does find what is on disk (the claim id is in the histories) ...
      expect(filesContaining(dataDir, [claimId]).length).toBeGreaterThan(0);
      // ... and personal values, documents' contents included, are only ever stored sealed, even before forgetting
      expect(filesContaining(dataDir, [...Object.values(PERSONAL), DOCUMENT_MARKER])).toEqual([]);

      await http()
        .post('/api/v1/personal-data/forget-requests')
        .set(await bearer('admin'))
        .send({ subjectId: 'cust-1001', reason: 'customer-request' })
        .expect(204);
    } finally {
      await app.close();
    }

    const rebuilt = await start({ REBUILD_READ_MODELS: 'true' });
    try {
      const http = () => request(rebuilt.getHttpServer());
      const application = await eventually(
        async () =>
          (
            await http()
              .get(`/api/v1/claims/${claimId}`)
              .set(await bearer('customer-service', 'agent-1'))
              .expect(200)
          ).body,
      );
      expect(application).toMatchObject({ claimId, claimantName: '[erased]' });
      const reviewCase = await eventually(
        async () =>
          (
            await http()
              .get(`/api/v1/claims-review/cases/${claimId}`)
              .set(await bearer('claims-acceptor'))
              .expect(200)
          ).body,
      );
      expect(reviewCase.status).toBe('awaiting-acceptance');
      expect(JSON.stringify(reviewCase)).not.toContain(PERSONAL.claimantName);
      const history = await http()
        .get(`/api/v1/claims/${claimId}/history`)
        .set(await bearer('auditor'))
        .expect(200);
      expect(history.body.length).toBeGreaterThan(5);
      expect(JSON.stringify(history.body)).not.toContain(PERSONAL.claimantPhone);
      const gone = await http()
        .get(`/api/v1/claims/${claimId}/documents/${documentId}/content`)
        .set(await bearer('customer-service', 'agent-1'))
        .expect(410);
      expect(gone.body).toMatchObject({ status: 410, title: 'Document erased' });
      expect(JSON.stringify(gone.body)).not.toContain(PERSONAL.claimantName);
    } finally {
      await rebuilt.close();
    }

    expect(
      filesContaining(dataDir, [...Object.values(PERSONAL), DOCUMENT_MARKER, PERSONAL.claimantName]),
    ).toEqual([]);
  }, 90_000);
});
