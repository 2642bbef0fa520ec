import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Channel } from '../../domain/channels';
import { ChannelSender, Outgoing, SendResult } from '../../application/ports';

/** RFC 2047 encoded word, so a Chinese subject survives any mail reader. */
const encodedWord = (text: string) => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

/**
 * The recipient as an outbox file names it: the file stands in for what a provider sent and
 * would outlive a request to forget the customer, so it shows only enough to tell who it was
 * for (the last four digits, the mail domain), like analytics' masking.
 */
export const maskedPhone = (phone: string) => {
  const digits = phone.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
};
export const maskedEmail = (email: string) => {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
};

/**
 * Embedded mode's channels: each message is a file a person can open, `<dir>/email/<id>.eml` or
 * `<dir>/sms/<id>.json`, the recipient masked. One file per message: a resend (same message)
 * finds it and keeps it.
 */
abstract class OutboxSender implements ChannelSender {
  abstract readonly channel: Channel;
  protected abstract readonly extension: string;

  constructor(private readonly dir: string) {}

  protected abstract content(message: Outgoing): string | null;

  async send(message: Outgoing): Promise<SendResult> {
    const content = this.content(message);
    if (content === null) return { ok: false, reason: `no ${this.channel} address`, permanent: true };
    const folder = join(this.dir, this.channel);
    await mkdir(folder, { recursive: true });
    const file = `${message.messageId}.${this.extension}`;
    try {
      await writeFile(join(folder, file), content, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return { ok: true, providerMessageId: `outbox:${this.channel}/${file}` };
  }
}

export class OutboxEmailSender extends OutboxSender {
  readonly channel = 'email' as const;
  protected readonly extension = 'eml';

  constructor(
    dir: string,
    private readonly from = 'notifications@claims-platform.example',
  ) {
    super(dir);
  }

  protected content({ contact, rendered, messageId, idempotencyKey }: Outgoing): string | null {
    if (!contact.email) return null;
    return [
      `From: ${this.from}`,
      `To: ${maskedEmail(contact.email)}`,
      `Subject: ${encodedWord(rendered.subject)}`,
      `Message-ID: <${messageId}@claims-platform.example>`,
      `X-Idempotency-Key: ${idempotencyKey}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      rendered.text,
      '',
    ].join('\r\n');
  }
}

export class OutboxSmsSender extends OutboxSender {
  readonly channel = 'sms' as const;
  protected readonly extension = 'json';

  protected content({ contact, rendered, messageId, templateId }: Outgoing): string | null {
    if (!contact.phone) return null;
    const to = maskedPhone(contact.phone);
    return `${JSON.stringify({ messageId, to, templateId, text: rendered.sms }, null, 2)}\n`;
  }
}
