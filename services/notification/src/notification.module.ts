import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DeciderRepository, EventStore, PersonalDataVault } from '@claims/event-sourcing';
import {
  EVENT_STORE,
  PERSONAL_DATA_VAULT,
  PLATFORM_CONFIG,
  PlatformConfig,
  READ_MODEL_DB,
  ServiceInfrastructureModule,
  systemCaller,
} from '@claims/service-host';
import { CLOCK, Clock, systemClock } from '@claims/working-calendar';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { RecordCallOutcome } from './application/call-tasks/record-call-outcome';
import { MessageDispatcher } from './application/delivery/message-dispatcher';
import { NotifyOnEvent } from './application/notify/notify-on-event';
import {
  CALL_TASKS,
  CASES,
  CHANNEL_SENDERS,
  CONTACTS,
  CallTaskQueue,
  ChannelSender,
  INBOX,
  MESSAGES,
  MESSAGE_INDEX,
  NOTIFICATION_RULES,
  PENDING_MESSAGES,
  PREFERENCES,
  RETRY_POLICY,
  SMS_RECEIPT_SECRET,
  STAFF_MAIL_DOMAIN,
  STAFF_ROUTING,
  StaffRouting,
  TEMPLATES,
  TEMPLATE_RENDERER,
} from './application/ports';
import { messageDecider } from './domain/message/message.decider';
import { MESSAGE_STREAM_PREFIX } from './domain/message/message-id';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from './domain/message/retry-policy';
import { NotificationRule } from './domain/notification-rules';
import { NotificationController } from './http/notification.controller';
import { SmsReceiptsController } from './http/sms-receipts.controller';
import { RecordDeliveryReceipt } from './application/receipts/record-delivery-receipt';
import { CallTaskSender } from './infrastructure/channels/call-task-sender';
import { HttpSmsGateway, SmsGatewayConfig } from './infrastructure/channels/http-sms-gateway';
import { OutboxEmailSender, OutboxSmsSender } from './infrastructure/channels/outbox-senders';
import {
  DatabaseCallTaskQueue,
  DatabaseCaseDirectory,
  DatabaseInbox,
  DatabaseMessageIndex,
  DatabasePendingMessages,
  DatabasePreferencesStore,
  SealedContactDirectory,
} from './infrastructure/database-stores';
import { DEFAULT_NOTIFICATION_RULES } from './infrastructure/default-notification-rules';
import { EjsTemplateRenderer } from './infrastructure/ejs-template-renderer';
import { IntegrationEventsConsumer } from './infrastructure/integration-events-consumer';
import { notificationPublicEvent } from './infrastructure/public-events';
import { notificationReadModels } from './infrastructure/read-models';
import { InMemoryTemplateCatalogue } from './infrastructure/templates/template-catalogue';

export const SERVICE_NAME = 'notification';

export interface NotificationOptions {
  /** Which event tells whom what; default DEFAULT_NOTIFICATION_RULES. */
  readonly rules?: readonly NotificationRule[];
  readonly retryPolicy?: RetryPolicy;
  /** Every "now"; tests pass a FixedClock. Default: the system clock. */
  readonly clock?: Clock;
  /** Who is told as a case's manager. */
  readonly staffRouting?: StaffRouting;
  readonly staffMailDomain?: string;
  /** Send SMS through this gateway; default: the outbox under DATA_DIR/notification/outbox. */
  readonly smsGateway?: SmsGatewayConfig;
  /** Replace the email or SMS channel (e.g. an SMTP sender); the call-task channel stays. */
  readonly senders?: readonly ChannelSender[];
  /** How often due messages (retries, quiet hours over, crash leftovers) are moved on (ms); 0: never. Default 30 s. */
  readonly sweepIntervalMs?: number;
}

const SWEEP_INTERVAL = Symbol('SWEEP_INTERVAL');

@Injectable()
class NotificationLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SERVICE_NAME);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly consumer: IntegrationEventsConsumer,
    private readonly dispatcher: MessageDispatcher,
    @Inject(SWEEP_INTERVAL) private readonly intervalMs: number,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    if (this.intervalMs > 0) {
      this.timer = setInterval(() => void this.sweep(), this.intervalMs);
      this.timer.unref();
    }
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    try {
      await this.dispatcher.deliverDue(systemCaller('notification.sweep', randomUUID(), null).context);
    } catch (error) {
      this.logger.error(`notification sweep failed: ${(error as Error).message}`);
    }
  }
}

/**
 * The notification bounded context. It owns no business decision: it follows the other
 * contexts' published events, tells customers and staff on their channel exactly once per
 * (event, recipient, template), and records every message's delivery as events.
 */
@Module({})
export class NotificationModule {
  static register(options: NotificationOptions = {}): DynamicModule {
    return {
      module: NotificationModule,
      imports: [
        ServiceInfrastructureModule.forService({
          name: SERVICE_NAME,
          entities: notificationReadModels,
          publicEvents: notificationPublicEvent,
        }),
      ],
      controllers: [NotificationController, SmsReceiptsController],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: SMS_RECEIPT_SECRET, useValue: options.smsGateway?.accessKeySecret ?? null },
        { provide: SWEEP_INTERVAL, useValue: options.sweepIntervalMs ?? 30_000 },
        {
          provide: MESSAGE_INDEX,
          inject: [READ_MODEL_DB],
          useFactory: (db: DataSource) => new DatabaseMessageIndex(db),
        },
        {
          provide: PENDING_MESSAGES,
          inject: [READ_MODEL_DB],
          useFactory: (db: DataSource) => new DatabasePendingMessages(db),
        },
        { provide: NOTIFICATION_RULES, useValue: options.rules ?? DEFAULT_NOTIFICATION_RULES },
        { provide: RETRY_POLICY, useValue: options.retryPolicy ?? DEFAULT_RETRY_POLICY },
        {
          provide: STAFF_ROUTING,
          useValue: options.staffRouting ?? { managers: { claim: 'manager-1', complaint: 'manager-1' } },
        },
        { provide: STAFF_MAIL_DOMAIN, useValue: options.staffMailDomain ?? 'staff.claims-platform.example' },
        { provide: TEMPLATES, useValue: new InMemoryTemplateCatalogue() },
        { provide: TEMPLATE_RENDERER, useValue: new EjsTemplateRenderer() },
        {
          provide: MESSAGES,
          inject: [EVENT_STORE, PERSONAL_DATA_VAULT],
          useFactory: (store: EventStore, vault: PersonalDataVault) =>
            new DeciderRepository({
              store,
              streamPrefix: MESSAGE_STREAM_PREFIX,
              decider: messageDecider,
              vault,
            }),
        },
        {
          provide: CASES,
          inject: [READ_MODEL_DB],
          useFactory: (db: DataSource) => new DatabaseCaseDirectory(db),
        },
        {
          provide: CONTACTS,
          inject: [READ_MODEL_DB, PERSONAL_DATA_VAULT, STAFF_MAIL_DOMAIN],
          useFactory: (db: DataSource, vault: PersonalDataVault, domain: string) =>
            new SealedContactDirectory(db, vault, domain),
        },
        {
          provide: PREFERENCES,
          inject: [READ_MODEL_DB],
          useFactory: (db: DataSource) => new DatabasePreferencesStore(db),
        },
        { provide: INBOX, inject: [READ_MODEL_DB], useFactory: (db: DataSource) => new DatabaseInbox(db) },
        {
          provide: CALL_TASKS,
          inject: [READ_MODEL_DB],
          useFactory: (db: DataSource) => new DatabaseCallTaskQueue(db),
        },
        {
          provide: CHANNEL_SENDERS,
          inject: [PLATFORM_CONFIG, CALL_TASKS, CLOCK],
          useFactory: (config: PlatformConfig, tasks: CallTaskQueue, clock: Clock): ChannelSender[] => {
            const outbox = join(resolve(config.DATA_DIR), SERVICE_NAME, 'outbox');
            const given = options.senders ?? [];
            const sms =
              given.find((s) => s.channel === 'sms') ??
              (options.smsGateway ? new HttpSmsGateway(options.smsGateway) : new OutboxSmsSender(outbox));
            const email = given.find((s) => s.channel === 'email') ?? new OutboxEmailSender(outbox);
            return [sms, email, new CallTaskSender(tasks, () => clock.now())];
          },
        },
        MessageDispatcher,
        NotifyOnEvent,
        RecordCallOutcome,
        RecordDeliveryReceipt,
        IntegrationEventsConsumer,
        NotificationLifecycle,
      ],
    };
  }
}
