import { Channel, RecipientRole } from './channels';

/** The contexts whose published events the notification service follows. */
export type SourceContext = 'intake' | 'claims-review' | 'complaint';

/** One message a rule asks for: to whom, how, with which template. */
export interface MessageRule {
  readonly to: RecipientRole;
  /** A fixed channel, or the customer's preferred one (staff are always told by email). */
  readonly channel: Channel | 'preferred';
  readonly template: string;
  /** Mandatory notices (decisions, payments, complaint deadlines) ignore opt-outs. */
  readonly mandatory: boolean;
  /** Urgent messages ignore quiet hours. */
  readonly urgent: boolean;
}

/**
 * Which integration event leads to which messages, as data. `parameters` names the template
 * parameters and the event-data field each one is read from (dotted paths), `when` narrows the rule
 * to events whose fields have these values.
 */
export interface NotificationRule {
  readonly source: SourceContext;
  readonly eventType: string;
  readonly when?: Readonly<Record<string, string | number | boolean>>;
  readonly case: { readonly kind: 'claim' | 'complaint'; readonly idField: string };
  readonly parameters: Readonly<Record<string, string>>;
  readonly messages: readonly MessageRule[];
}

export interface IntegrationEvent {
  readonly id: string;
  readonly source: SourceContext;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** A message to request, before its recipient is resolved from the case. */
export interface PlannedMessage extends MessageRule {
  readonly sourceEventId: string;
  readonly sourceEventType: string;
  readonly case: { readonly kind: 'claim' | 'complaint'; readonly id: string };
  readonly parameters: Record<string, unknown>;
}

export function fieldAt(data: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      data,
    );
}

/** Every message the rules ask for on this event (none when no rule matches). */
export function plannedMessages(
  rules: readonly NotificationRule[],
  event: IntegrationEvent,
): PlannedMessage[] {
  return rules
    .filter(
      (rule) =>
        rule.source === event.source &&
        rule.eventType === event.type &&
        Object.entries(rule.when ?? {}).every(([path, value]) => fieldAt(event.data, path) === value),
    )
    .flatMap((rule) => {
      const caseId = fieldAt(event.data, rule.case.idField);
      if (typeof caseId !== 'string') return [];
      const parameters = Object.fromEntries(
        Object.entries(rule.parameters).map(([name, path]) => [name, fieldAt(event.data, path) ?? null]),
      );
      return rule.messages.map((message) => ({
        ...message,
        sourceEventId: event.id,
        sourceEventType: event.type,
        case: { kind: rule.case.kind, id: caseId },
        parameters,
      }));
    });
}

/** Intake's feedback channels, as the channels this service has. */
export function channelForFeedback(feedbackChannel: string | null | undefined): Channel {
  switch (feedbackChannel) {
    case 'phone':
      return 'call-task';
    case 'email':
    case 'mail':
      return 'email';
    default:
      return 'sms'; // sms, wechat (no WeChat channel yet) or unknown
  }
}
