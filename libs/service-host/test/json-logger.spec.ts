import { SpanKind } from '@opentelemetry/api';
import { JsonLogger, inSpan, startTracing } from '../src';

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, service and context', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('intake', 'info', (line) => lines.push(line));
    logger.log('started', 'host');
    logger.warn({ msg: 'slow projection', lagMs: 1200 }, 'projection');
    logger.debug('hidden below info');
    logger.error('boom', 'Error: boom\n    at x', 'http');
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed).toHaveLength(3);
    expect(parsed[0]).toMatchObject({ level: 'info', service: 'intake', context: 'host', msg: 'started' });
    expect(parsed[1]).toMatchObject({ level: 'warn', msg: 'slow projection', lagMs: 1200 });
    expect(parsed[2]).toMatchObject({ level: 'error', context: 'http', stack: 'Error: boom\n    at x' });
    expect(Number.isNaN(Date.parse(parsed[0].time))).toBe(false);
  });
});

describe('JsonLogger on pino: redaction and errors', () => {
  const capture = (level: 'debug' | 'info' = 'info') => {
    const lines: string[] = [];
    const logger = new JsonLogger('intake', level, (line) => lines.push(line));
    return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l)) };
  };

  it('logs an error as its class, name, code, message and cause, hiding none of them', () => {
    const { logger, parsed } = capture();
    // What pg throws for a role that does not exist: class DatabaseError, name "error", SQLSTATE code.
    class DatabaseError extends Error {
      override name = 'error';
      code = '28000';
      query = 'SELECT secret FROM t WHERE phone = $1';
      parameters = ['13812345678'];
    }
    const cause = new DatabaseError('role "claims" does not exist');
    logger.error(
      { msg: 'failed to start', error: new Error('cannot open the read models', { cause }) },
      'host',
    );
    logger.warn(cause);
    const [startFailure, bare] = parsed();
    expect(startFailure).toMatchObject({
      level: 'error',
      context: 'host',
      msg: 'failed to start',
      error: {
        type: 'Error',
        message: 'cannot open the read models',
        cause: {
          type: 'DatabaseError',
          name: 'error',
          code: '28000',
          message: 'role "claims" does not exist',
        },
      },
    });
    expect(JSON.stringify(startFailure)).not.toMatch(/SELECT|13812345678|redacted/);
    expect(bare).toMatchObject({
      level: 'warn',
      msg: 'role "claims" does not exist',
      error: { type: 'DatabaseError', code: '28000' },
    });
  });

  it('redacts the explicit keys at the top, nested and in arrays, but not names of things', () => {
    const { logger, lines, parsed } = capture();
    logger.log({
      msg: 'claim reported',
      relay: 'intake.relay',
      name: 'intake.read-models',
      customerName: 'Zhang Wei',
      claimant: { fullName: 'Zhang Wei', phone: '021-5555-0101', address: 'No. 1 Huaihai Road' },
      request: { headers: { authorization: 'Basic abc', cookie: 'sid=1' } },
      witnesses: [{ contactName: 'Li Na', email: 'li@x' }],
      personalData: { name: 'Li Na' },
    });
    const [line] = parsed();
    expect(line).toMatchObject({
      relay: 'intake.relay',
      name: 'intake.read-models',
      customerName: '[redacted]',
      claimant: { fullName: '[redacted]', phone: '[redacted]', address: '[redacted]' },
      request: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
      witnesses: [{ contactName: '[redacted]', email: '[redacted]' }],
      personalData: '[redacted]',
    });
    for (const value of ['Zhang Wei', 'Li Na', '5555', 'Huaihai', 'abc', 'sid=1'])
      expect(lines.join('\n')).not.toContain(value);
  });

  it('masks tokens, ID numbers, phone numbers and e-mail addresses in free text at any depth', () => {
    const { logger, lines } = capture();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl';
    logger.log(
      `call 13812345678 or +86 138 1234 5678, ID 11010519491231002X, zhang.wei@example.com, Bearer ${jwt}`,
    );
    logger.warn({ msg: 'note', deep: { deeper: { deepest: { text: `token ${jwt} for 13812345678` } } } });
    const all = lines.join('\n');
    for (const value of [jwt, '13812345678', '138 1234 5678', '11010519491231002X', 'zhang.wei@example.com'])
      expect(all).not.toContain(value);
    expect(all).toContain('[redacted-phone]');
    expect(all).toContain('[redacted-id-number]');
    expect(all).toContain('[redacted-email]');
  });

  it('puts the active trace and span ids on a line, and none outside a span', async () => {
    startTracing({ serviceName: 'logger-test' });
    const { logger, parsed } = capture();
    await inSpan(
      'work',
      {
        kind: SpanKind.INTERNAL,
        parent: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      },
      async () => {
        logger.log('inside');
      },
    );
    logger.log('outside');
    const [inside, outside] = parsed();
    expect(inside).toMatchObject({
      msg: 'inside',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(outside.traceId).toBeUndefined();
  });
});
