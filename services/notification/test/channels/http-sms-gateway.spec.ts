import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  HttpSmsGateway,
  SMS_SEND_PATH,
  smsSignature,
} from '../../src/infrastructure/channels/http-sms-gateway';
import { Outgoing } from '../../src/application/ports';

const SECRET = 'test-secret';

/** A local stand-in for the gateway: checks the signature, answers a repeated outId with its first bizId. */
function fakeGateway() {
  const received: { headers: IncomingMessage['headers']; body: Record<string, string> }[] = [];
  const byOutId = new Map<string, string>();
  let answerNext: { status: number; body: object } | null = null;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const reply = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const expected = smsSignature(
        SECRET,
        req.url ?? '',
        String(req.headers['x-sms-timestamp']),
        String(req.headers['x-sms-nonce']),
        raw,
      );
      if (req.method !== 'POST' || req.url !== SMS_SEND_PATH || req.headers['x-sms-signature'] !== expected)
        return reply(403, { code: 'SignatureDoesNotMatch' });
      const body = JSON.parse(raw) as Record<string, string>;
      received.push({ headers: req.headers, body });
      if (answerNext) {
        const { status, body: answer } = answerNext;
        answerNext = null;
        return reply(status, answer);
      }
      const bizId = byOutId.get(body.outId) ?? `biz-${byOutId.size + 1}`;
      byOutId.set(body.outId, bizId);
      reply(200, { code: 'OK', message: 'OK', bizId });
    });
  });
  return {
    server,
    received,
    answerNext: (status: number, body: object) => (answerNext = { status, body }),
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const outgoing = (idempotencyKey = 'msg-1:sms:1'): Outgoing => ({
  messageId: 'msg-1',
  idempotencyKey,
  recipient: { role: 'customer', id: 'cust-42' },
  case: { kind: 'claim', id: 'claim-1', number: 'CLM-2026-000123' },
  contact: { name: '王小明', phone: '13800000000', email: null, locale: 'zh-CN' },
  templateId: 'payment-instructed',
  parameters: {
    caseNumber: 'CLM-2026-000123',
    amount: { amountMinor: 123456, currency: 'CNY' },
    expectedArrivalDate: '2026-11-26',
    items: [1, 2],
  },
  rendered: { subject: 's', text: 't', sms: 'sms' },
});

describe('SMS through an HTTP gateway', () => {
  const gateway = fakeGateway();
  let sms: HttpSmsGateway;

  beforeAll(async () => {
    const baseUrl = await gateway.start();
    sms = new HttpSmsGateway({
      baseUrl,
      accessKeyId: 'key-1',
      accessKeySecret: SECRET,
      signName: '某某保险',
      templateCodes: { 'payment-instructed': 'SMS_100001' },
    });
  });
  afterAll(() => gateway.stop());

  it('sends a signed request with the template code and string parameters', async () => {
    await expect(sms.send(outgoing())).resolves.toEqual({ ok: true, providerMessageId: 'biz-1' });
    const [{ headers, body }] = gateway.received;
    expect(headers['x-sms-access-key']).toBe('key-1');
    expect(body).toMatchObject({
      phoneNumbers: '13800000000',
      signName: '某某保险',
      templateCode: 'SMS_100001',
      outId: 'msg-1:sms:1',
    });
    expect(JSON.parse(body.templateParam)).toEqual({
      caseNumber: 'CLM-2026-000123',
      amount: '¥1,234.56',
      expectedArrivalDate: '2026-11-26',
      items: '2',
    });
  });

  it('a resend with the same idempotency key gets the first message id back', async () => {
    await expect(sms.send(outgoing())).resolves.toEqual({ ok: true, providerMessageId: 'biz-1' });
  });

  it('tells a permanent refusal from a passing failure', async () => {
    gateway.answerNext(400, { code: 'isv.MOBILE_NUMBER_ILLEGAL', message: 'bad number' });
    await expect(sms.send(outgoing('msg-1:sms:2'))).resolves.toMatchObject({ ok: false, permanent: true });
    gateway.answerNext(503, { code: 'ServiceUnavailable' });
    await expect(sms.send(outgoing('msg-1:sms:3'))).resolves.toMatchObject({ ok: false, permanent: false });
  });

  it('refuses, without calling, a template with no approved code', async () => {
    const before = gateway.received.length;
    await expect(sms.send({ ...outgoing(), templateId: 'claim-closed' })).resolves.toMatchObject({
      ok: false,
      permanent: true,
    });
    expect(gateway.received).toHaveLength(before);
  });

  it('treats an unreachable gateway as a passing failure', async () => {
    const down = new HttpSmsGateway({
      baseUrl: 'http://127.0.0.1:1',
      accessKeyId: 'k',
      accessKeySecret: 's',
      signName: 'x',
      templateCodes: { 'payment-instructed': 'SMS_1' },
    });
    await expect(down.send(outgoing())).resolves.toMatchObject({ ok: false, permanent: false });
  });
});
