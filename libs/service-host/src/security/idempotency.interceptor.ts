import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Response } from 'express';
import { Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import { DataSource, Repository } from 'typeorm';
import { ProblemException } from '../problem-details';
import { ScopedRequest } from './auth.guard';
import { IdempotencyRecord } from './host-records';
import { isValidIdempotencyKey } from './request-scope';

export const HOST_DB = Symbol('HOST_DB');

/**
 * Idempotency-Key on POST: the first request with a key runs and its response is kept; the
 * same key with the same request answers that response again (`Idempotent-Replayed: true`) and
 * creates nothing; the same key with another request is refused (422); a repeat while the
 * first is still running is refused (409). A failed first request frees the key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly records: Repository<IdempotencyRecord>;

  constructor(@Inject(HOST_DB) db: DataSource) {
    this.records = db.getRepository(IdempotencyRecord);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const key = request.scope?.idempotencyKey;
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (!isValidIdempotencyKey(key)) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid Idempotency-Key', 'Use 1 to 100 letters, digits or . _ : -');
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
        from(this.records.update(id, { status, responseBody: body === undefined ? null : JSON.stringify(body) })).pipe(
          mergeMap(() => of(body)),
        ),
      ),
      catchError((error) => from(this.records.delete(id)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }

  /** Reserves the key for this request, or returns the finished first response to replay. */
  private async claim(id: string, requestHash: string): Promise<IdempotencyRecord | null> {
    const inserted = await this.records
      .insert({ callerAndKey: id, requestHash, status: null, responseBody: null })
      .then(() => true, () => false);
    if (inserted) return null;
    const first = await this.records.findOneBy({ callerAndKey: id });
    if (!first) throw new ProblemException(HttpStatus.CONFLICT, 'Idempotency-Key conflict', 'Retry the request');
    if (first.requestHash !== requestHash) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'Idempotency-Key reused',
        'This Idempotency-Key was already used with a different request',
      );
    }
    if (first.status === null) {
      throw new ProblemException(HttpStatus.CONFLICT, 'Request in progress', 'A request with this Idempotency-Key is still running');
    }
    return first;
  }
}
