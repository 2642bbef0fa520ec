import { PlatformMetrics } from '../src';

describe('PlatformMetrics.registerGauge', () => {
  const timeLimits = (service: string, atRisk: number) => ({
    name: 'claims_time_limits',
    help: 'Open time limits at risk and breached',
    labelNames: ['service', 'state'] as const,
    read: () => [{ labels: { service, state: 'at-risk' }, value: atRisk }],
  });

  it('adds the samples of services that share a process and a gauge name', async () => {
    const metrics = new PlatformMetrics();
    metrics.registerGauge(timeLimits('claims-review', 2));
    metrics.registerGauge(timeLimits('complaint', 5));
    const { body } = await metrics.exposition();
    expect(body).toMatch(/^claims_time_limits\{service="claims-review",state="at-risk"\} 2$/m);
    expect(body).toMatch(/^claims_time_limits\{service="complaint",state="at-risk"\} 5$/m);
  });

  it('refuses the same name with other labels, and keeps the other readers when one fails', async () => {
    const metrics = new PlatformMetrics();
    metrics.registerGauge(timeLimits('claims-review', 2));
    expect(() => metrics.registerGauge({ ...timeLimits('x', 1), labelNames: ['service'] as const })).toThrow(
      /other help or labels/,
    );
    metrics.registerGauge({ ...timeLimits('complaint', 1), read: () => Promise.reject(new Error('down')) });
    expect((await metrics.exposition()).body).toMatch(/service="claims-review",state="at-risk"\} 2$/m);
  });
});
