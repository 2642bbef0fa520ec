import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ERASED, PersonalDataVault } from '@claims/event-sourcing';
import { DeliveredMessage, revealIntegrationEvent, topicOf } from '@claims/messaging';
import { PERSONAL_DATA_VAULT, ServiceMessaging } from '@claims/service-host';
import { RegisterReferredConsultation } from '../../application/consultations/register-referred-consultation.command';
import { ReferredWords } from '../../domain/consultation/referred-consultation';

const COMPLAINT_NUMBER = /^CMP-\d{4}-\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Follows the complaint service's topic for ComplaintReferredAsConsultation (v1): a complaint
 * declined as not a complaint becomes a consultation for the desk, its words and contact revealed
 * with the platform's vault and sealed again as intake seals a consultation's. One consultation
 * per complaint (its id derives from the complaint id), and each message is applied once, so a
 * redelivery or a republish registers nothing new. Another version, or data not of the schema,
 * is retried and dead-lettered, never guessed at.
 */
@Injectable()
export class ComplaintConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly messaging: ServiceMessaging,
    private readonly commands: CommandBus,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.follow({
      name: 'complaint-referrals',
      topics: [topicOf('complaint')],
      apply: (_manager, message) => this.apply(message),
    });
  }

  private async apply({ event }: DeliveredMessage): Promise<void> {
    if (event.type !== 'ComplaintReferredAsConsultation') return;
    if (event.schemaversion !== 1) throw new Error(`${event.type} v${event.schemaversion} is not understood`);
    const revealed = await revealIntegrationEvent<Record<string, unknown>>(event, this.vault);
    const data = revealed.data ?? {};
    const text = (field: string, pattern?: RegExp): string => {
      const value = data[field];
      if (typeof value !== 'string' || !value || value.length > 200 || (pattern && !pattern.test(value)))
        throw new Error(`${event.type}: ${field} is not what the contract says`);
      return value;
    };
    const customerId = data.customerId === null ? null : text('customerId');
    const referredAt = text('referredAt');
    if (Number.isNaN(Date.parse(referredAt))) throw new Error(`${event.type}: referredAt is not an instant`);
    const referral = {
      complaintId: text('complaintId', UUID),
      complaintNumber: text('complaintNumber', COMPLAINT_NUMBER),
      complaintChannel: text('channel'),
      category: text('category'),
      referredAt,
    };
    const context = {
      actor: { id: 'complaint', role: 'system' },
      correlationId: event.correlationid,
      causationId: event.id,
    };
    const words = wordsOf(revealed.personalData?.fields);
    await this.commands.execute(
      new RegisterReferredConsultation({ referral, customerId, words }, { context }),
    );
  }
}

/** The sealed fields the complaint service hands over; nothing of them once the person was forgotten. */
function wordsOf(fields: Record<string, unknown> | undefined): ReferredWords | null {
  if (!fields) return null;
  const read = (name: string) => {
    const value = fields[name];
    return typeof value === 'string' && value && value !== ERASED ? value : undefined;
  };
  const words = {
    name: read('name'),
    phone: read('phone'),
    email: read('email'),
    description: read('description'),
    request: read('request'),
  };
  const present = Object.fromEntries(Object.entries(words).filter(([, value]) => value !== undefined));
  return Object.keys(present).length ? present : null;
}
