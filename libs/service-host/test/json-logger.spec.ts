import { JsonLogger } from '../src';

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
