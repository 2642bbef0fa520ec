import { Controller, Get, Inject, Injectable, NestMiddleware, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { NextFunction, Request, Response } from 'express';
import { DataSource, Repository } from 'typeorm';
import { LoggerService } from '@nestjs/common';
import { RequirePermission, ScopedRequest } from './auth.guard';
import { CommandAuditRecord } from './host-records';
import { HOST_DB } from './idempotency.interceptor';

export const AUDIT_LOGGER = Symbol('AUDIT_LOGGER');
const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Records every state-changing API request once it is answered: who (user and role), when,
 * what (method and path, never the body), the answer and the correlation id. Refused requests
 * (400, 401, 403, 404, 409, 422, 429) are recorded too.
 */
@Injectable()
export class CommandAuditMiddleware implements NestMiddleware {
  private readonly records: Repository<CommandAuditRecord>;

  constructor(
    @Inject(HOST_DB) db: DataSource,
    @Inject(AUDIT_LOGGER) private readonly logger: LoggerService,
  ) {
    this.records = db.getRepository(CommandAuditRecord);
  }

  use(request: Request, response: Response, next: NextFunction): void {
    if (COMMAND_METHODS.has(request.method)) {
      const at = new Date().toISOString();
      response.on('finish', () => void this.record(request as ScopedRequest, response.statusCode, at));
    }
    next();
  }

  private async record(request: ScopedRequest, status: number, at: string): Promise<void> {
    const principal = request.scope?.principal;
    const entry = {
      correlationId: request.scope?.correlationId ?? 'none',
      at,
      userId: principal?.userId ?? null,
      role: principal?.role ?? null,
      method: request.method,
      path: request.originalUrl.split('?')[0].slice(0, 300),
      status,
      outcome:
        status >= 500 ? ('failed' as const) : status >= 400 ? ('refused' as const) : ('accepted' as const),
    };
    this.logger.log({ msg: 'command', ...entry }, 'audit');
    await this.records
      .insert(entry)
      .catch((error: Error) =>
        this.logger.error(
          { msg: 'command audit not recorded', correlationId: entry.correlationId, error: error.message },
          'audit',
        ),
      );
  }
}

class CommandAuditQuery {
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9._:-]{1,100}$/) correlationId?: string;
  @IsOptional() @IsString() userId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/commands')
export class CommandAuditController {
  private readonly records: Repository<CommandAuditRecord>;

  constructor(@Inject(HOST_DB) db: DataSource) {
    this.records = db.getRepository(CommandAuditRecord);
  }

  @Get()
  @ApiOperation({
    summary: 'Auditors: the command audit trail, every state-changing request accepted or refused',
  })
  @RequirePermission('audit-trail.read')
  @ApiOkResponse({ description: 'Newest first: who sent which command, when, in which role, and the answer' })
  list(@Query() query: CommandAuditQuery) {
    return this.records.find({
      where: {
        ...(query.correlationId ? { correlationId: query.correlationId } : {}),
        ...(query.userId ? { userId: query.userId } : {}),
      },
      order: { id: 'DESC' },
      take: query.limit ?? 100,
    });
  }
}
