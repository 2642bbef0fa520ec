import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Money, formatMoney } from '../../domain/locale-format';
import { ChannelSender, Outgoing, SendResult } from '../../application/ports';

export interface SmsGatewayConfig {
  /** e.g. https://sms.example.com */
  readonly baseUrl: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The approved signature (签名), e.g. 某某保险. */
  readonly signName: string;
  /** Our template id → the gateway's approved template code. */
  readonly templateCodes: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** The gateway's answer. `code` is `OK` or an error code; `bizId` identifies the accepted message. */
interface GatewayAnswer {
  readonly code?: string;
  readonly message?: string;
  readonly bizId?: string;
}

/** Error codes no retry cures: a bad number, a template or signature not approved, a blacklisted number. */
const PERMANENT_CODES = /MOBILE_NUMBER_ILLEGAL|TEMPLATE|SIGN|BLACK|PARAM/i;

export const SMS_SEND_PATH = '/sms/send';

/**
 * The shape of the common Chinese SMS gateways: a signed POST with the phone number, the
 * signature, an approved template code and its parameters (strings), and our idempotency key as
 * `outId` (the gateway answers a repeated `outId` with the first `bizId`). The signature is
 * base64 HMAC-SHA256 over `POST\n<path>\n<timestamp>\n<nonce>\n<sha256 of the body>`.
 */
export class HttpSmsGateway implements ChannelSender {
  readonly channel = 'sms' as const;

  constructor(private readonly config: SmsGatewayConfig) {}

  async send(message: Outgoing): Promise<SendResult> {
    const templateCode = this.config.templateCodes[message.templateId];
    if (!templateCode)
      return { ok: false, reason: `no SMS template for ${message.templateId}`, permanent: true };
    if (!message.contact.phone) return { ok: false, reason: 'no phone number', permanent: true };
    const body = JSON.stringify({
      phoneNumbers: message.contact.phone,
      signName: this.config.signName,
      templateCode,
      templateParam: JSON.stringify(smsParameters(message.parameters)),
      outId: message.idempotencyKey,
    });
    const timestamp = new Date().toISOString();
    const nonce = randomUUID();
    let response: Response;
    try {
      response = await fetch(new URL(SMS_SEND_PATH, this.config.baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-sms-access-key': this.config.accessKeyId,
          'x-sms-timestamp': timestamp,
          'x-sms-nonce': nonce,
          'x-sms-signature': smsSignature(this.config.accessKeySecret, SMS_SEND_PATH, timestamp, nonce, body),
        },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
    } catch (error) {
      return { ok: false, reason: `SMS gateway unreachable: ${(error as Error).message}`, permanent: false };
    }
    const answer = (await response.json().catch(() => ({}))) as GatewayAnswer;
    if (response.ok && answer.code === 'OK' && answer.bizId)
      return { ok: true, providerMessageId: answer.bizId };
    const reason = `SMS gateway ${response.status}: ${answer.code ?? ''} ${answer.message ?? ''}`.trim();
    const permanent =
      response.status < 500 && response.status !== 429 && PERMANENT_CODES.test(answer.code ?? '');
    return { ok: false, reason, permanent };
  }
}

export function smsSignature(
  secret: string,
  path: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  const bodyHash = createHash('sha256').update(body, 'utf8').digest('hex');
  return createHmac('sha256', secret)
    .update(`POST\n${path}\n${timestamp}\n${nonce}\n${bodyHash}`)
    .digest('base64');
}

const isMoney = (value: unknown): value is Money =>
  typeof value === 'object' && value !== null && 'amountMinor' in value && 'currency' in value;

/** Gateways take string parameters only: money formatted, lists as their length, the rest as text. */
export function smsParameters(parameters: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (value === null || value === undefined) continue;
    if (isMoney(value)) out[name] = formatMoney(value);
    else if (Array.isArray(value)) out[name] = String(value.length);
    else if (typeof value !== 'object') out[name] = String(value);
  }
  return out;
}

/** The signature of a delivery receipt the gateway posts back: over its fields, not the raw body. */
export function smsReceiptSignature(
  secret: string,
  outId: string,
  bizId: string,
  status: string,
  timestamp: string,
): string {
  return createHmac('sha256', secret).update(`${outId}\n${bizId}\n${status}\n${timestamp}`).digest('base64');
}
