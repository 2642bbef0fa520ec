import { createHash, randomUUID } from 'node:crypto';
import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  NestInterceptor,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Response } from 'express';
import { Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import { DataSource, IsNull, LessThan, Not, Repository } from 'typeorm';
import { ProblemException } from '../problem-details';
import { ScopedRequest } from './auth.guard';
import { IdempotencyRecord } from './host-records';
import { isValidIdempotencyKey } from './request-scope';

export const HOST_DB = Symbol('HOST_DB');

/** How long a first request may run before a retry may take its key over (ms). */
export const IDEMPOTENCY_LEASE_MS = Symbol('IDEMPOTENCY_LEASE_MS');

/** How long a kept response answers retries before it is deleted (ms). */
export const IDEMPOTENCY_RETENTION_MS = Symbol('IDEMPOTENCY_RETENTION_MS');

/** How often expired records are deleted. */
const PURGE_INTERVAL_MS = 10 * 60_000;

/**
 * Idempotency-Key on POST: the first request with a key runs and its response is kept; the
 * same key with the same request answers that response again (`Idempotent-Replayed: true`) and
 * creates nothing; the same key with another request is refused (422); a repeat while the
 * first is still running is refused (409, Retry-After). A failed first request frees the key. A
 * first request that never finished (its process died) holds the key only for its lease: a
 * retry after that runs the request again, with the same command id, so it completes the work.
 * Kept responses may hold personal data: they are deleted once older than the retention, and a
 * key older than that counts as new.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleInit, OnModuleDestroy {
  private readonly records: Repository<IdempotencyRecord>;
  /** This process: a record it holds is in flight here, not abandoned. */
  private readonly instance = randomUUID();
  private purgeTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(HOST_DB) db: DataSource,
    @Inject(IDEMPOTENCY_LEASE_MS) private readonly leaseMs: number,
    @Inject(IDEMPOTENCY_RETENTION_MS) private readonly retentionMs: number,
  ) {
    this.records = db.getRepository(IdempotencyRecord);
  }

  async onModuleInit(): Promise<void> {
    await this.purgeExpired();
    this.purgeTimer = setInterval(() => void this.purgeExpired().catch(() => undefined), PURGE_INTERVAL_MS);
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
  }

  /** Deletes the finished records older than the retention; resolves how many. */
  async purgeExpired(): Promise<number> {
    const result = await this.records.delete({
      createdAt: LessThan(this.expiredBefore()),
      status: Not(IsNull()),
    });
    return result.affected ?? 0;
  }

  private expiredBefore(): Date {
    return new Date(Date.now() - this.retentionMs);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const key = request.scope?.idempotencyKey;
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (!isValidIdempotencyKey(key)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'Invalid Idempotency-Key',
        'Use 1 to 100 letters, digits or . _ : -',
      );
    }
    const id = `${request.scope.principal?.userId ?? 'anonymous'}|${key}`;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const replay = await this.claim(id, requestHash);
    const response = context.switchToHttp().getResponse<Response>();
    if (replay) {
      response.status(replay.status as number).setHeader('Idempotent-Replayed', 'true');
      return of(replay.responseBody === null ? undefined : JSON.parse(replay.responseBody));
    }
    const status = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    return next.handle().pipe(
      mergeMap((body) =>
        from(
          this.records.update(id, { status, responseBody: body === undefined ? null : JSON.stringify(body) }),
        ).pipe(mergeMap(() => of(body))),
      ),
      catchError((error) => from(this.records.delete(id)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }

  /** Reserves the key for this request, or returns the finished first response to replay. */
  private async claim(id: string, requestHash: string): Promise<IdempotencyRecord | null> {
    const leaseUntil = Date.now() + this.leaseMs;
    const inserted = await this.records
      .insert({
        callerAndKey: id,
        requestHash,
        status: null,
        responseBody: null,
        owner: this.instance,
        leaseUntil,
      })
      .then(
        () => true,
        () => false,
      );
    if (inserted) return null;
    const first = await this.records.findOneBy({ callerAndKey: id });
    if (first && first.status !== null && first.createdAt < this.expiredBefore()) {
      // Past its retention: the key is free again (the record is deleted, not replayed).
      await this.records.delete({ callerAndKey: id, createdAt: first.createdAt });
      return this.claim(id, requestHash);
    }
    if (!first)
      throw new ProblemException(HttpStatus.CONFLICT, 'Idempotency-Key conflict', 'Retry the request');
    if (first.requestHash !== requestHash) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'Idempotency-Key reused',
        'This Idempotency-Key was already used with a different request',
      );
    }
    if (first.status === null) {
      if (await this.takeOverAbandoned(first, leaseUntil)) return null;
      const retryAfter = Math.max(1, Math.ceil(((first.leaseUntil ?? 0) - Date.now()) / 1000));
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'Request in progress',
        'A request with this Idempotency-Key is still running',
        {
          retryAfterSeconds: retryAfter,
        },
      );
    }
    return first;
  }

  /** Takes over a first request whose lease ran out (its process died): only one retry wins. */
  private async takeOverAbandoned(first: IdempotencyRecord, leaseUntil: number): Promise<boolean> {
    if (first.leaseUntil !== null && first.leaseUntil > Date.now()) return false;
    const where = {
      callerAndKey: first.callerAndKey,
      status: IsNull(),
      owner: first.owner ?? IsNull(),
      leaseUntil: first.leaseUntil ?? IsNull(),
    };
    await this.records.update(where, { owner: this.instance, leaseUntil });
    const now = await this.records.findOneBy({ callerAndKey: first.callerAndKey });
    return now?.status === null && now.owner === this.instance && now.leaseUntil === leaseUntil;
  }
}
