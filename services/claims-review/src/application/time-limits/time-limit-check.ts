import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { systemCaller } from '@claims/service-host';
import { CheckTimeLimits, TimeLimitCheckResult } from './check-time-limits.command';

/**
 * The periodic time-limit check, given as the system: a timer runs it in production (every
 * `timeLimitCheckIntervalMs`); tests call `execute()`.
 */
@Injectable()
export class TimeLimitCheck {
  constructor(private readonly commands: CommandBus) {}

  execute(): Promise<TimeLimitCheckResult> {
    const caller = systemCaller('claims-review.time-limit-check', randomUUID(), null);
    return this.commands.execute(new CheckTimeLimits(caller));
  }
}
