import { IntakeTestApp, motorReport, startIntake } from '../support/intake-app';

type Page = { items: Array<Record<string, unknown>>; nextCursor: string | null };

/** Every list of intake pages by an opaque cursor, at most 100 items a page, 50 by default: nothing silently cut. */
describe('intake lists: cursor paging', () => {
  let t: IntakeTestApp;
  let agent: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const consultations: string[] = [];
  const claims: string[] = [];

  beforeAll(async () => {
    t = await startIntake();
    agent = await t.token('customer-service', { subject: 'agent-1' });
    for (let i = 0; i < 130; i++) {
      if (i % 40 === 0) t.clock.advance({ minutes: 1 }); // runs of equal instants: the id breaks the tie
      const channel = i % 3 === 0 ? 'email' : 'hotline';
      const registered = await t
        .http()
        .post('/api/v1/consultations')
        .set(auth(agent))
        .send({ channel, topic: 'status', question: `Question ${i}`, contact: { name: 'X' } })
        .expect(201);
      consultations.push(registered.body.consultationId);
    }
    for (let i = 0; i < 60; i++) {
      if (i % 25 === 0) t.clock.advance({ minutes: 1 });
      const reported = await t.http().post('/api/v1/claims').set(auth(agent)).send(motorReport()).expect(201);
      claims.push(reported.body.claimId);
    }
  }, 120_000);
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set(auth(agent));
  /** Every page of a list, following nextCursor. */
  const walk = async (path: string, limit?: number): Promise<Page[]> => {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const query = [limit ? `limit=${limit}` : '', cursor ? `cursor=${cursor}` : '']
        .filter(Boolean)
        .join('&');
      const response = await get(`${path}${path.includes('?') ? '&' : '?'}${query}`).expect(200);
      pages.push(response.body);
      cursor = response.body.nextCursor;
    } while (cursor && pages.length < 500);
    return pages;
  };
  const ids = (pages: Page[], key: string) => pages.flatMap((p) => p.items.map((i) => i[key] as string));

  it.each([
    ['/api/v1/work-queue', 'caseId', 130 + 60],
    ['/api/v1/claims', 'claimId', 60],
  ])(
    '%s: 50 by default, then every item exactly once, page after page',
    async (path, key, total) => {
      const first = await get(path).expect(200);
      expect(first.body.items).toHaveLength(50);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      for (const limit of [total > 100 ? 3 : 1, 7, 50, 100]) {
        const pages = await walk(path, limit);
        const seen = ids(pages, key);
        expect({ limit, count: seen.length, distinct: new Set(seen).size }).toEqual({
          limit,
          count: total,
          distinct: total,
        });
        expect(pages.slice(0, -1).every((p) => p.items.length === limit)).toBe(true);
        expect(pages.at(-1)?.nextCursor).toBeNull();
      }
    },
    60_000,
  );

  it('keeps the work queue oldest first and the claims newest first across pages', async () => {
    const queue = ids(await walk('/api/v1/work-queue?kind=consultation', 30), 'caseId');
    const opened = (await walk('/api/v1/work-queue?kind=consultation', 30)).flatMap((p) =>
      p.items.map((i) => `${i.openedAt} ${i.caseId}`),
    );
    expect(opened).toEqual([...opened].sort());
    expect(new Set(queue)).toEqual(new Set(consultations));
    const reported = (await walk('/api/v1/claims', 13)).flatMap((p) =>
      p.items.map((i) => `${i.reportedAt} ${i.claimId}`),
    );
    expect(reported).toEqual([...reported].sort().reverse());
  });

  it('pages through a filter', async () => {
    const email = ids(await walk('/api/v1/work-queue?channel=email&kind=consultation', 10), 'caseId');
    expect(email).toHaveLength(44);
    const collecting = ids(
      await walk('/api/v1/claims?status=collecting-documents&stage=reported', 20),
      'claimId',
    );
    expect(new Set(collecting)).toEqual(new Set(claims));
  });

  it('neither repeats nor skips an item when a newer one arrives between pages', async () => {
    const first = (await get('/api/v1/claims?limit=20').expect(200)).body as Page;
    t.clock.advance({ minutes: 1 });
    const newer = (await t.http().post('/api/v1/claims').set(auth(agent)).send(motorReport()).expect(201))
      .body.claimId;
    const rest = await walk(`/api/v1/claims?cursor=${first.nextCursor}`, 100);
    const seen = [...ids([first], 'claimId'), ...ids(rest, 'claimId')];
    expect(seen).not.toContain(newer);
    expect(new Set(seen)).toEqual(new Set(claims));
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=-5', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=not%20a%20cursor', 'cursor'],
    ['cursor=' + 'a'.repeat(601), 'cursor'],
    ['cursor=' + Buffer.from('{"l":"claims","k":[1,2]}').toString('base64url'), 'cursor'],
    ['cursor=' + Buffer.from('[]').toString('base64url'), 'cursor'],
    ['cursor=bm90IGpzb24', 'cursor'],
    ['kind=complaint', 'kind'],
    ['channel=pigeon', 'channel'],
    ['ownerId=a%2Fb', 'ownerId'],
    ['overdue=true', 'overdue'],
  ])('refuses the work queue with %s (400, naming %s)', async (query, path) => {
    const response = await get(`/api/v1/work-queue?${query}`).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it.each([
    ['status=paid', 'status'],
    ['stage=lost', 'stage'],
    ['customerId=%00', 'customerId'],
    ['dueBefore=abc', 'dueBefore'],
    ['limit=1000', 'limit'],
  ])('refuses the claim list with %s (400, naming %s)', async (query, path) => {
    const response = await get(`/api/v1/claims?${query}`).expect(400);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses a cursor of another list', async () => {
    const claimsCursor = (await get('/api/v1/claims?limit=1').expect(200)).body.nextCursor;
    const queueCursor = (await get('/api/v1/work-queue?limit=1').expect(200)).body.nextCursor;
    await get(`/api/v1/work-queue?cursor=${claimsCursor}`).expect(400);
    const refused = await get(`/api/v1/claims?cursor=${queueCursor}`).expect(400);
    expect(refused.body.errors).toEqual([
      { path: 'cursor', message: 'cursor must be the nextCursor of a previous page of this list' },
    ]);
  });
});
