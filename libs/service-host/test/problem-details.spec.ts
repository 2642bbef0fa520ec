import { ArgumentsHost } from '@nestjs/common';
import {
  DomainRuleViolation,
  GoneRefusal,
  InvalidInputRefusal,
  NotFoundRefusal,
  WrongExpectedRevisionError,
} from '@claims/event-sourcing';
import { ProblemDetailsFilter } from '../src';

/** Runs the filter on an exception and returns what the client would receive. */
function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const response = {
    setHeader: () => response,
    status: (status: number) => ((sent.status = status), response),
    type: () => response,
    send: (body: Record<string, unknown>) => ((sent.body = body), response),
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ originalUrl: '/api/v1/x', path: '/api/v1/x' }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  const logger = { log: () => undefined, error: () => undefined, warn: () => undefined };
  new ProblemDetailsFilter(logger).catch(exception, host);
  return sent;
}

describe('ProblemDetailsFilter', () => {
  it('answers a rule whose details name a status with 422, keeping the details apart', () => {
    const { status, body } = answer(
      new DomainRuleViolation('not-closable', 'Pay or deny first', { status: 'in-review', required: 'paid' }),
    );
    expect(status).toBe(422);
    expect(body).toMatchObject({
      status: 422,
      code: 'not-closable',
      required: 'paid',
      details: { status: 'in-review' },
    });
  });

  it('never takes an HTTP status from a non-HTTP error’s own status field', () => {
    const domainish = Object.assign(new Error('closed'), { status: 409 });
    expect(answer(domainish).status).toBe(500);
    const bodyParser = Object.assign(new Error('too large'), {
      status: 413,
      type: 'entity.too.large',
      expose: true,
    });
    expect(answer(bodyParser).status).toBe(413);
  });

  it.each([
    [new NotFoundRefusal('There is no claim x'), 404],
    [new GoneRefusal('erased'), 410],
    [new InvalidInputRefusal('bad', [{ path: 'at', message: 'required' }]), 400],
    [new WrongExpectedRevisionError('s', 1, 2), 409],
  ])('answers %s with %i', (error, expected) => {
    const { status, body } = answer(error);
    expect(status).toBe(expected);
    expect(body.status).toBe(expected);
  });
});
