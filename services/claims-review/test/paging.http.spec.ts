import { Role } from '@claims/service-host';
import { cny, submittedClaim } from './fixtures';
import { ReviewHarness, startReviewHarness, walk } from './http-harness';

type Summary = { claimId: string; stepDueAt: string | null; submittedAt: string; standing?: string };
type PageBody = { items: Summary[]; nextCursor: string | null };

/**
 * Every list pages by an opaque cursor: at most `limit` items (default 50, at most 100), in a
 * stable order (soonest due first, no due time last), each row exactly once, no silent cap.
 */
describe('paging the lists', () => {
  let h: ReviewHarness;
  const opened: string[] = [];

  beforeAll(async () => {
    h = await startReviewHarness();
    for (let i = 0; i < 57; i++) {
      h.clock.advance({ minutes: 7 }); // different due times and submission instants
      const claim = submittedClaim({
        estimatedLoss: cny(6_000_000),
        submittedAt: new Date(Date.parse('2025-06-02T01:00:00Z') + (i % 5) * 60_000).toISOString(),
      });
      await h.submit(claim);
      opened.push(claim.claimId);
    }
    // a few leave the acceptance queue (their due times change), one is closed (no due time)
    for (const claimId of opened.slice(0, 3)) await walk(h, await claimOf(claimId), 'accepted');
    await walk(h, await claimOf(opened[3]), 'closed');
  }, 60_000);

  afterAll(() => h.close());

  const claimOf = async (claimId: string) => {
    const view = (await h.get('claims-acceptor', 'acceptor-1', `cases/${claimId}`)).body;
    return submittedClaim({
      claimId,
      customerId: view.customerId,
      estimatedLoss: view.estimatedLoss,
      documents: view.documents.map(({ finding: _f, ...d }: { finding: unknown }) => d),
    });
  };

  /** Reads every page of a list, checking each page's size. */
  const readAll = async (role: Role, path: string, limit?: number) => {
    const pages: PageBody[] = [];
    let cursor: string | null = null;
    do {
      const query = [limit && `limit=${limit}`, cursor && `cursor=${cursor}`].filter(Boolean).join('&');
      const separator = path.includes('?') ? '&' : '?';
      const response = await h.get(role, `${role}-1`, query ? `${path}${separator}${query}` : path);
      expect(response.status).toBe(200);
      pages.push(response.body as PageBody);
      cursor = (response.body as PageBody).nextCursor;
    } while (cursor && pages.length < 100);
    const items = pages.flatMap((p) => p.items);
    return { pages, items, ids: items.map((i) => i.claimId) };
  };

  /** The list's order, by code unit (as the read model compares its ISO instants and ids). */
  const inListOrder = (items: Summary[]) => {
    const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const key = (i: Summary) => [i.stepDueAt ?? '\uffff', i.submittedAt, i.claimId];
    return [...items].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return compare(x[0], y[0]) || compare(x[1], y[1]) || compare(x[2], y[2]);
    });
  };

  it('pages the case list: 50 by default, every case once, in due order, with nextCursor', async () => {
    const { pages, items, ids } = await readAll('claims-acceptor', 'cases');
    expect(pages.map((p) => p.items.length)).toEqual([50, 7]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    expect(new Set(ids)).toEqual(new Set(opened));
    expect(items).toEqual(inListOrder(items));
    expect(items.at(-1)?.claimId).toBe(opened[3]); // closed: no due time, last
    for (const limit of [1, 7, 100]) {
      const paged = await readAll('claims-acceptor', 'cases', limit);
      expect(paged.ids).toEqual(ids);
      expect(paged.pages.every((p) => p.items.length <= limit)).toBe(true);
      expect(paged.pages.length).toBe(Math.ceil(57 / limit));
    }
  });

  it('pages filtered lists, the work queues and the time-limit board the same way', async () => {
    const acceptance = await readAll('claims-acceptor', 'work-queue', 10);
    expect(new Set(acceptance.ids)).toEqual(new Set(opened.slice(4)));
    expect(acceptance.pages.map((p) => p.items.length)).toEqual([10, 10, 10, 10, 10, 3]);
    const inReview = await readAll('claims-acceptor', 'cases?status=in-review', 2);
    expect(new Set(inReview.ids)).toEqual(new Set(opened.slice(0, 3)));
    h.clock.advance({ days: 20 });
    const overdue = await readAll('manager', 'time-limits?standing=overdue', 20);
    expect(new Set(overdue.ids)).toEqual(new Set(opened.filter((id) => id !== opened[3])));
    expect(overdue.items).toEqual(inListOrder(overdue.items));
    expect(overdue.items.every((i) => i.standing === 'overdue')).toBe(true);
    expect((await readAll('manager', 'time-limits?standing=at-risk')).ids).toEqual([]);
  });

  it('filters by due time as an instant, never as text', async () => {
    const all = (await readAll('claims-acceptor', 'cases')).items;
    const cut = all[10].stepDueAt as string;
    // the same instant written in Beijing time
    const beijing = new Date(Date.parse(cut) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    const due = await readAll('claims-acceptor', `cases?dueBefore=${encodeURIComponent(beijing)}`);
    expect(due.ids).toEqual(all.filter((c) => c.stepDueAt && c.stepDueAt <= cut).map((c) => c.claimId));
    expect(due.ids.length).toBeGreaterThanOrEqual(11);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['cursor=%25%25', 'cursor'],
    ['cursor=bm90LWpzb24', 'cursor'],
    ['cursor=eyJkdWUiOjEsInN1Ym1pdHRlZCI6MiwiY2xhaW0iOjN9', 'cursor'],
    ['dueBefore=abc', 'dueBefore'],
    ['dueBefore=2026-02-30T00:00:00Z', 'dueBefore'],
    ['dueBefore=2026-11-23', 'dueBefore'],
    ['status=lost', 'status'],
    ['assignee=%00', 'assignee'],
  ])('refuses %s with a 400 naming the parameter', async (query, path) => {
    const response = await h.get('claims-acceptor', 'acceptor-1', `cases?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses a bad page request on every list', async () => {
    for (const path of ['work-queue?limit=500', 'time-limits?limit=0', 'time-limits?standing=late']) {
      expect((await h.get('manager', 'manager-1', path)).status).toBe(400);
    }
  });
});
