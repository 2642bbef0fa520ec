import { ComplaintHarness, Who, startComplaintHarness } from './complaint-harness';

const desk: Who = { role: 'customer-service', subject: 'cs-agent-1' };
const complaint = (i: number) => ({
  channel: 'hotline',
  name: `Caller ${i}`,
  phone: '13800000000',
  description: 'Waited too long',
  request: 'An answer',
  category: 'delay',
});

describe('complaint numbers under concurrent receipts', () => {
  let h: ComplaintHarness;
  beforeAll(async () => {
    h = await startComplaintHarness('2026-12-31T15:00:00Z'); // 23:00 on New Year's Eve in Beijing
  });
  afterAll(() => h.close());

  it('hands out each number of the year once, in sequence, whatever the interleaving; a new year starts again', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) => h.post(desk, 'complaints', complaint(i))),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const numbers = answers.map((a) => a.body.complaintNumber as string).sort();
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6].map((n) => `CMP-2026-${String(n).padStart(6, '0')}`));
    h.clock.set('2026-12-31T16:00:00Z'); // midnight in Beijing: the numbers of 2027
    expect((await h.post(desk, 'complaints', complaint(7))).body.complaintNumber).toBe('CMP-2027-000001');
  });

  it('gives a retried request (same Idempotency-Key) the same complaint and number', async () => {
    const key = 'retry-me-1';
    const send = async () =>
      h
        .rawWithKey('complaints', JSON.stringify(complaint(8)), key, desk)
        .then((r) => ({ status: r.status, id: r.body.complaintId, number: r.body.complaintNumber }));
    const first = await send();
    const again = await send();
    expect(again).toEqual(first);
  });

  it('pages the work queue by cursor: every complaint once, nearest deadline first', async () => {
    const manager: Who = { role: 'manager', subject: 'manager-1' };
    const seen: { complaintId: string; nextDueAt: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const page = await h.get(manager, `complaints?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(new Set(seen.map((c) => c.complaintId)).size).toBe(8);
    const due = seen.map((c) => c.nextDueAt ?? '~');
    expect(due).toEqual([...due].sort());
  });
});
