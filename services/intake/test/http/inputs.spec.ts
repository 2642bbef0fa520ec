import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import demoPolicies from '../../data/demo-policies.json';
import { PolicyImportRequest } from '../../src/http/dto/policy.dto';
import { IntakeTestApp, motorReport, startIntake } from '../support/intake-app';

/** Texts a person could not have meant: each is refused wherever free text is taken. */
const HOSTILE_TEXTS: Array<[string, unknown]> = [
  ['empty', ''],
  ['only whitespace', ' \t  '],
  ['a NUL character', 'Li\u0000Na'],
  ['an escape sequence', 'Li Na\u001b[31m'],
  ['a C1 control character', 'Li\u0085Na'],
  ['a lone high surrogate', 'Li Na \ud800'],
  ['a lone low surrogate', '\udc00Li Na'],
  ['a number', 42],
  ['an object', { text: 'Li Na' }],
];
const ONE_LINE_ONLY: Array<[string, unknown]> = [['a line break', 'Li\nNa']];
const TOO_LONG = (n: number): [string, unknown] => [`${n + 1} characters`, 'x'.repeat(n + 1)];

const IMPOSSIBLE_INSTANTS = [
  '2026-02-30T08:00:00+08:00',
  '2026-11-31T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-03-09T24:00:00Z',
  '2026-03-09T08:60:00Z',
  '2026-03-09T08:30:00+15:00',
  '2026-03-09T08:30:00',
  '2026-03-09',
  '1899-12-31T23:59:59Z',
  'yesterday',
  '1741509000000',
];
const IMPOSSIBLE_DATES = [
  '2026-02-30',
  '2026-04-31',
  '2025-02-29',
  '2026-1-1',
  '26-01-01',
  '2026-01-01T00:00:00Z',
  '0000-01-01',
  '9999-12-31',
];
const NOT_CURRENCIES = ['XYZ', 'cny', 'CNYX', 'C', '', 'ÄÖÜ', 156];

/** Sets a value at a dotted path of a copy of `body`. */
function withValue(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  const keys = path.split('.');
  let at = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1) as string] = value;
  return copy;
}

const POLICY = {
  policyNumber: 'PRO-2026-000950',
  version: 1,
  productLine: 'property',
  holder: { customerId: 'cust-950', name: 'Ma Lin', phone: '+86 138 0000 0950' },
  insuredPersons: [{ personId: 'cust-950', name: 'Ma Lin' }],
  coverStart: '2026-01-01',
  coverEnd: '2026-12-31',
  sumInsured: { amountMinor: 100000000, currency: 'CNY' },
  deductible: { amountMinor: 50000, currency: 'CNY' },
  coverageRatioPercent: 100,
  coveredPerils: ['fire'],
  exclusions: ['war'],
  status: 'in-force',
};
const CONSULTATION = {
  channel: 'hotline',
  topic: 'claim-procedure',
  question: 'How do I claim?',
  contact: { name: 'Li Na', phone: '+86 138 0000 1001' },
};

describe('intake inputs: the shared field rules on every request', () => {
  let t: IntakeTestApp;
  let agent: string;
  let admin: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startIntake();
    agent = await t.token('customer-service', { subject: 'agent-1' });
    admin = await t.token('admin');
  });
  afterAll(() => t.close());

  const expectRefused = async (
    response: { status: number; body: { errors?: Array<{ path: string }> }; headers: Record<string, string> },
    path: string,
  ) => {
    expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
      status: 400,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    expect(response.body.errors?.map((e) => e.path)).toContain(path);
  };

  /** Every free-text field of every request, with what each may hold. */
  const TEXT_FIELDS: Array<{
    route: string;
    token: () => string;
    body: () => Record<string, unknown>;
    path: string;
    max: number;
    multiline: boolean;
  }> = [
    {
      route: '/api/v1/claims',
      token: () => agent,
      body: () => motorReport(),
      path: 'accident.place',
      max: 300,
      multiline: false,
    },
    {
      route: '/api/v1/claims',
      token: () => agent,
      body: () => motorReport(),
      path: 'accident.description',
      max: 4000,
      multiline: true,
    },
    {
      route: '/api/v1/claims',
      token: () => agent,
      body: () => motorReport(),
      path: 'claimant.name',
      max: 100,
      multiline: false,
    },
    {
      route: '/api/v1/consultations',
      token: () => agent,
      body: () => CONSULTATION,
      path: 'topic',
      max: 100,
      multiline: false,
    },
    {
      route: '/api/v1/consultations',
      token: () => agent,
      body: () => CONSULTATION,
      path: 'question',
      max: 4000,
      multiline: true,
    },
    {
      route: '/api/v1/consultations',
      token: () => agent,
      body: () => CONSULTATION,
      path: 'contact.name',
      max: 100,
      multiline: false,
    },
    {
      route: '/api/v1/policies',
      token: () => admin,
      body: () => POLICY,
      path: 'holder.name',
      max: 100,
      multiline: false,
    },
    {
      route: '/api/v1/policies',
      token: () => admin,
      body: () => ({ ...POLICY, insuredPersons: [{ personId: 'cust-950', name: 'Ma Lin' }] }),
      path: 'insuredPersons.0.name',
      max: 100,
      multiline: false,
    },
  ];
  const textCases = TEXT_FIELDS.flatMap((field) =>
    [...HOSTILE_TEXTS, ...(field.multiline ? [] : ONE_LINE_ONLY), TOO_LONG(field.max)].map(
      ([what, value]) => [`${field.route} ${field.path}: ${what}`, field, value] as const,
    ),
  );

  it.each(textCases)('refuses %s with 400', async (_name, field, value) => {
    const response = await t
      .http()
      .post(field.route)
      .set(auth(field.token()))
      .send(withValue(field.body(), field.path, value));
    await expectRefused(response, field.path.replace(/\.(\d+)\./, '[$1].'));
  });

  it('takes text with line breaks where it is multiline, and any script', async () => {
    const question = 'My car was hit.\nWhat do I need?\n\t— 李娜 😀';
    const consultation = await t
      .http()
      .post('/api/v1/consultations')
      .set(auth(agent))
      .send({ ...CONSULTATION, question })
      .expect(201);
    expect(consultation.body.question).toBe(question);
    await t
      .http()
      .post('/api/v1/consultations')
      .set(auth(agent))
      .send({ ...CONSULTATION, contact: { name: '李娜' } })
      .expect(201);
  });

  it.each(IMPOSSIBLE_INSTANTS)('refuses an accident at %s with 400', async (occurredAt) => {
    const response = await t
      .http()
      .post('/api/v1/claims')
      .set(auth(agent))
      .send(withValue(motorReport(), 'accident.occurredAt', occurredAt));
    await expectRefused(response, 'accident.occurredAt');
  });

  it.each(['2099-01-01T00:00:00Z', '2026-03-10T02:00:01Z', '2100-12-31T23:59:59+08:00'])(
    'refuses an accident at the real but future instant %s on the domain clock (422)',
    async (occurredAt) => {
      const response = await t
        .http()
        .post('/api/v1/claims')
        .set(auth(agent))
        .send(withValue(motorReport(), 'accident.occurredAt', occurredAt))
        .expect(422);
      expect(response.body.code).toBe('accident-in-the-future');
    },
  );

  it.each(
    IMPOSSIBLE_DATES.flatMap((date) => ['coverStart', 'coverEnd'].map((field) => [field, date] as const)),
  )('refuses a policy whose %s is %s with 400', async (field, date) => {
    const response = await t
      .http()
      .post('/api/v1/policies')
      .set(auth(admin))
      .send({ ...POLICY, [field]: date });
    await expectRefused(response, field);
  });

  it.each(
    NOT_CURRENCIES.flatMap((currency) =>
      [
        ['/api/v1/claims', 'estimatedLoss.currency'],
        ['/api/v1/policies', 'sumInsured.currency'],
        ['/api/v1/policies', 'deductible.currency'],
      ].map(([route, path]) => [route, path, currency] as const),
    ),
  )('%s refuses %s = %j (not ISO 4217) with 400', async (route, path, currency) => {
    const body = route === '/api/v1/claims' ? motorReport() : POLICY;
    const response = await t
      .http()
      .post(route)
      .set(auth(route === '/api/v1/claims' ? agent : admin))
      .send(withValue(body, path, currency));
    await expectRefused(response, path);
  });

  it.each([
    ['a negative amount', -1],
    ['a fraction', 0.5],
    ['a string', '100'],
    ['beyond the safe integers', Number.MAX_SAFE_INTEGER + 2],
  ])('refuses an estimated loss with %s with 400', async (_what, amountMinor) => {
    const response = await t
      .http()
      .post('/api/v1/claims')
      .set(auth(agent))
      .send(withValue(motorReport(), 'estimatedLoss.amountMinor', amountMinor));
    await expectRefused(response, 'estimatedLoss.amountMinor');
  });

  it('refuses a real currency that is not the policy’s with its rule (422)', async () => {
    const response = await t
      .http()
      .post('/api/v1/claims')
      .set(auth(agent))
      .send(withValue(motorReport(), 'estimatedLoss.currency', 'EUR'))
      .expect(422);
    expect(response.body).toMatchObject({ code: 'currency-mismatch', policyCurrency: 'CNY' });
  });

  it.each([
    ['/api/v1/claims', () => agent, () => motorReport(), ''],
    ['/api/v1/claims', () => agent, () => motorReport(), 'claimant.'],
    ['/api/v1/consultations', () => agent, () => CONSULTATION, 'contact.'],
    ['/api/v1/policies', () => admin, () => POLICY, 'holder.'],
  ] as const)('%s refuses prototype keys (%s) with 400, never drops them', async (route, token, body, at) => {
    for (const key of ['__proto__', 'constructor']) {
      const json = JSON.stringify(body());
      const raw =
        at === ''
          ? json.replace(/^\{/, `{"${key}":{"role":"admin"},`)
          : json.replace(`"${at.slice(0, -1)}":{`, `"${at.slice(0, -1)}":{"${key}":{"x":1},`);
      const response = await t
        .http()
        .post(route)
        .set(auth(token()))
        .set('content-type', 'application/json')
        .send(raw);
      await expectRefused(response, `${at}${key}`);
    }
  });

  it.each([
    ['channel', 'pigeon'],
    ['feedbackChannel', 'telepathy'],
    ['accident.lossKind', 'everything'],
    ['accident.cause', 'Collision!'],
    ['policyNumber', 'mot 1'],
    ['insuredPersonId', 'a/b'],
    ['consultationId', 'not-a-uuid'],
    ['claimant.phone', 'call me'],
  ])('refuses a report with %s = %j with 400', async (path, value) => {
    const response = await t
      .http()
      .post('/api/v1/claims')
      .set(auth(agent))
      .send(withValue(motorReport(), path, value));
    await expectRefused(response, path);
  });

  it.each([
    ['coveredPerils', ['Fire!']],
    ['exclusions', [42]],
    ['productLine', 'aviation'],
    ['status', 'suspended'],
    ['version', 0],
    ['coverageRatioPercent', 101],
    ['insuredPersons', []],
  ])('refuses a policy with %s = %j with 400', async (path, value) => {
    const response = await t
      .http()
      .post('/api/v1/policies')
      .set(auth(admin))
      .send({ ...POLICY, [path]: value });
    await expectRefused(response, path);
  });

  it.each(['mot-2026-1', '..', 'MOT 1', 'x'.repeat(41), '%00'])(
    'refuses the policy number %j in the path with 400',
    async (number) => {
      const response = await t
        .http()
        .get(`/api/v1/policies/${encodeURIComponent(number)}`)
        .set(auth(agent));
      await expectRefused(response, 'policyNumber');
    },
  );

  it('keeps the demo policies valid under the request rules', () => {
    for (const policy of demoPolicies.policies) {
      const errors = validateSync(plainToInstance(PolicyImportRequest, policy), {
        whitelist: true,
        forbidNonWhitelisted: true,
      });
      expect({ policy: policy.policyNumber, errors: errors.map((e) => e.property) }).toEqual({
        policy: policy.policyNumber,
        errors: [],
      });
    }
  });
});
