import { randomUUID } from 'node:crypto';
import { issueToken } from '@claims/service-host';
import { ComplaintHarness, startComplaintHarness } from './complaint-harness';

const valid = () => ({
  channel: 'hotline',
  customerId: 'cust-42',
  name: '王小明',
  phone: '13800000000',
  description: 'My repair claim was cut by half without a reason',
  request: 'Pay the full repair bill',
  category: 'payout-amount',
  relatedClaimNumbers: ['CLM-2026-000123'],
  amountClaimed: { amountMinor: 500000, currency: 'CNY' },
});

/** Bad input on the complaint routes: a clear problem, and nothing stored (not even a number). */
describe('bad input against the complaint routes', () => {
  let h: ComplaintHarness;
  let desk: string;

  beforeAll(async () => {
    h = await startComplaintHarness();
    desk = `Bearer ${await issueToken(h.config, { role: 'customer-service', subject: 'cs-1' })}`;
  });
  afterAll(() => h.close());

  const cases: [string, () => Promise<{ body: string; auth?: string | null }>, number, string?][] = [
    ['malformed JSON', async () => ({ body: '{"channel": "hotline",' }), 400],
    ['a JSON array', async () => ({ body: '[1,2,3]' }), 400],
    [
      'money as a float',
      async () => ({
        body: JSON.stringify({ ...valid(), amountClaimed: { amountMinor: 12.5, currency: 'CNY' } }),
      }),
      400,
      'amountClaimed.amountMinor',
    ],
    [
      'an unknown currency',
      async () => ({
        body: JSON.stringify({ ...valid(), amountClaimed: { amountMinor: 1, currency: 'XXY' } }),
      }),
      400,
      'amountClaimed.currency',
    ],
    [
      'an extra field',
      async () => ({ body: JSON.stringify({ ...valid(), priority: 'urgent' }) }),
      400,
      'priority',
    ],
    ['a prototype key', async () => ({ body: '{"__proto__": {"admin": true}, "channel": "hotline"}' }), 400],
    [
      'a claim number of another shape',
      async () => ({ body: JSON.stringify({ ...valid(), relatedClaimNumbers: ['123'] }) }),
      400,
      'relatedClaimNumbers',
    ],
    [
      'a control character in the text',
      async () => ({ body: JSON.stringify({ ...valid(), description: 'a\u0000b' }) }),
      400,
      'description',
    ],
    [
      'a huge text',
      async () => ({ body: JSON.stringify({ ...valid(), description: 'x'.repeat(50_000) }) }),
      400,
      'description',
    ],
    [
      'six group representatives',
      async () => ({ body: JSON.stringify({ ...valid(), group: { size: 40, representatives: 6 } }) }),
      422,
    ],
    [
      'an agent without an authorisation',
      async () => ({ body: JSON.stringify({ ...valid(), agent: { relationship: 'heir', name: '王大明' } }) }),
      400,
      'agent.authorisation',
    ],
    [
      'a transfer without the regulator’s reference',
      async () => ({ body: JSON.stringify({ ...valid(), channel: 'regulator-transfer' }) }),
      422,
    ],
    ['no token', async () => ({ body: JSON.stringify(valid()), auth: null }), 401],
    [
      'a role without the permission',
      async () => ({
        body: JSON.stringify(valid()),
        auth: `Bearer ${await issueToken(h.config, { role: 'analyst', subject: 'a-1' })}`,
      }),
      403,
    ],
  ];

  it.each(cases.map(([name, call, status, path]) => ({ name, call, status, path })))(
    'refuses $name with a problem and stores nothing',
    async ({ call, status, path }) => {
      const before = h.storedEvents();
      const { body, auth } = await call();
      const response = await h.raw('complaints', body, auth === undefined ? desk : auth);
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      if (path) expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(h.storedEvents()).toBe(before);
    },
  );

  it('stores script and SQL injection strings as plain data, sealed, and returns them as JSON', async () => {
    const nasty = `<script>alert('x')</script> Robert'); DROP TABLE events;--`;
    const before = h.storedEvents();
    const received = await h.raw('complaints', JSON.stringify({ ...valid(), description: nasty }), desk);
    expect(received.status).toBe(201);
    expect(h.storedEvents()).toBeGreaterThan(before); // the count the refusals were checked by does see appends
    expect(received.headers['content-type']).toMatch(/application\/json/);
    expect(received.body.complainant.description).toBe(nasty);
  });

  it('answers 404 for another customer’s complaint and for an unknown one, revealing nothing', async () => {
    const received = await h.raw('complaints', JSON.stringify(valid()), desk);
    const stranger = `Bearer ${await issueToken(h.config, { role: 'customer', subject: 'u-7', customerId: 'cust-7' })}`;
    const theirs = await h.raw(
      `my-complaints/${received.body.complaintId}/withdrawal`,
      JSON.stringify({ reason: 'x' }),
      stranger,
    );
    const unknown = await h.raw(
      `my-complaints/${randomUUID()}/withdrawal`,
      JSON.stringify({ reason: 'x' }),
      stranger,
    );
    expect(theirs.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(theirs.body.detail.replace(received.body.complaintId, '')).toBe(
      unknown.body.detail.replace(/[0-9a-f-]{36}/, ''),
    );
  });
});
