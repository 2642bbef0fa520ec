import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidInputRefusal, NotFoundRefusal } from '@claims/event-sourcing';
import { Caller, CurrentCaller, RequirePermission } from '@claims/service-host';
import { CLOCK, Clock } from '@claims/working-calendar';
import { RecordCallOutcome } from '../application/call-tasks/record-call-outcome';
import {
  CALL_TASKS,
  CallTaskQueue,
  INBOX,
  Inbox,
  MESSAGES,
  MESSAGE_INDEX,
  MessageHistories,
  MessageIndex,
  PREFERENCES,
  PreferencesStore,
} from '../application/ports';
import { CallOutcome } from '../domain/message/delivery';
import { ContactPreferences, DEFAULT_PREFERENCES, TimeOfDay } from '../domain/preferences';
import { CallOutcomeRequest, PreferencesRequest } from './notification.requests';

const customerOf = (caller: Caller): string => {
  const id = caller.principal.customerId;
  if (!id) throw new NotFoundRefusal('This caller has no customer id');
  return id;
};

function preferencesFrom(body: PreferencesRequest): ContactPreferences {
  return {
    preferredChannel: body.preferredChannel,
    optOuts: body.optOuts,
    quietHours:
      body.quietHours === undefined
        ? DEFAULT_PREFERENCES.quietHours
        : body.quietHours && { from: body.quietHours.from as TimeOfDay, to: body.quietHours.to as TimeOfDay },
    utcOffsetMinutes: body.utcOffsetMinutes ?? DEFAULT_PREFERENCES.utcOffsetMinutes,
  };
}

/**
 * What customers and staff see of notifications: the customer's inbox and preferences, the
 * staff call-task queue with its outcomes, a message's delivery status, and the auditors' history.
 */
@ApiTags('notification')
@ApiBearerAuth()
@Controller('notification')
export class NotificationController {
  constructor(
    @Inject(INBOX) private readonly inbox: Inbox,
    @Inject(PREFERENCES) private readonly preferences: PreferencesStore,
    @Inject(CALL_TASKS) private readonly callTasks: CallTaskQueue,
    @Inject(MESSAGES) private readonly messages: MessageHistories,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MESSAGE_INDEX) private readonly index: MessageIndex,
    private readonly callOutcome: RecordCallOutcome,
  ) {}

  @Get('my-inbox')
  @ApiOperation({ summary: 'My messages, newest first' })
  @RequirePermission('notification.inbox')
  myInbox(@CurrentCaller() caller: Caller) {
    return this.inbox.list(customerOf(caller));
  }

  @Post('my-inbox/:messageId/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of my messages read' })
  @RequirePermission('notification.inbox')
  async markRead(@Param('messageId') messageId: string, @CurrentCaller() caller: Caller): Promise<void> {
    if (!(await this.inbox.markRead(customerOf(caller), messageId, this.clock.now())))
      throw new NotFoundRefusal(`There is no message ${messageId} in your inbox`);
  }

  @Get('my-preferences')
  @ApiOperation({ summary: 'My channel, opt-outs and quiet hours' })
  @RequirePermission('notification.preferences')
  myPreferences(@CurrentCaller() caller: Caller) {
    return this.preferences.preferencesOf(customerOf(caller), DEFAULT_PREFERENCES);
  }

  @Put('my-preferences')
  @ApiOperation({ summary: 'Set my channel, opt-outs (optional messages only) and quiet hours' })
  @RequirePermission('notification.preferences')
  async setMyPreferences(@Body() body: PreferencesRequest, @CurrentCaller() caller: Caller) {
    const preferences = preferencesFrom(body);
    await this.preferences.save(customerOf(caller), preferences);
    return preferences;
  }

  @Put('customers/:customerId/preferences')
  @ApiOperation({ summary: "Customer service: set a customer's preferences as they asked" })
  @RequirePermission('notification.preferences')
  async setPreferences(
    @Param('customerId') customerId: string,
    @Body() body: PreferencesRequest,
    @CurrentCaller() caller: Caller,
  ) {
    if (caller.principal.role === 'customer' && caller.principal.customerId !== customerId)
      throw new NotFoundRefusal(`There is no customer ${customerId}`);
    const preferences = preferencesFrom(body);
    await this.preferences.save(customerId, preferences);
    return preferences;
  }

  @Get('call-tasks')
  @ApiOperation({ summary: 'Open call tasks, oldest first' })
  @RequirePermission('notification.call')
  openCallTasks() {
    return this.callTasks.open();
  }

  @Post('call-tasks/:taskId/outcome')
  @ApiOperation({ summary: 'Record how a call went: reached, not reached, or call back at' })
  @RequirePermission('notification.call')
  async recordCall(
    @Param('taskId') taskId: string,
    @Body() body: CallOutcomeRequest,
    @CurrentCaller() caller: Caller,
  ) {
    let outcome: CallOutcome;
    if (body.outcome === 'call-back-at') {
      if (!body.at)
        throw new InvalidInputRefusal('call-back-at needs `at`', [{ path: 'at', message: 'required' }]);
      outcome = { outcome: 'call-back-at', at: new Date(body.at) };
    } else if (body.outcome === 'not-reached') outcome = { outcome: 'not-reached', note: body.note };
    else outcome = { outcome: 'reached' };
    const state = await this.callOutcome.execute(taskId, outcome, caller.context);
    return messageStatus(state);
  }

  @Get('cases/:caseKind/:caseId/messages')
  @ApiOperation({
    summary: "A case's messages (claim or complaint) with their delivery status, oldest first",
  })
  @RequirePermission('notification.read')
  caseMessages(@Param('caseKind') caseKind: string, @Param('caseId') caseId: string) {
    if (caseKind !== 'claim' && caseKind !== 'complaint')
      throw new NotFoundRefusal(`There are no ${caseKind} cases`);
    return this.index.forCase(caseKind, caseId);
  }

  @Get('messages/:messageId')
  @ApiOperation({ summary: "A message's delivery status" })
  @RequirePermission('notification.read')
  async message(@Param('messageId') messageId: string) {
    const { state, revision } = await this.messages.read(messageId);
    if (revision === null) throw new NotFoundRefusal(`There is no message ${messageId}`);
    return messageStatus(state);
  }

  @Get('messages/:messageId/history')
  @ApiOperation({ summary: 'Auditors: every event of the message (personal fields named, never shown)' })
  @RequirePermission('history.read')
  history(@Param('messageId') messageId: string) {
    return this.messages.audit(messageId);
  }
}

function messageStatus(state: Awaited<ReturnType<MessageHistories['read']>>['state']) {
  const request = state.request;
  return {
    messageId: request?.messageId ?? null,
    status: state.status,
    channel: state.channel,
    nextChannels: state.nextChannels,
    attempt: state.attempt,
    notBefore: state.notBefore,
    templateId: request?.templateId ?? null,
    recipient: request?.recipient ?? null,
    case: request?.case ?? null,
    sourceEventType: request?.sourceEventType ?? null,
  };
}
