import { Controller, Get, HttpStatus, Injectable, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Response } from 'express';
import { Public } from './security/auth.guard';

export type HealthCheck = () => Promise<Record<string, 'up' | 'down'>>;

export interface ServiceHealthReport {
  readonly status: 'up' | 'down';
  readonly components: Record<string, 'up' | 'down'>;
}

/** Every bounded context running in this process registers how to check itself. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(service: string, check: HealthCheck): void {
    this.checks.set(service, check);
  }

  async report(): Promise<{ status: 'up' | 'down'; services: Record<string, ServiceHealthReport> }> {
    const services: Record<string, ServiceHealthReport> = {};
    for (const [name, check] of this.checks) {
      const components = await check().catch(() => ({ service: 'down' as const }));
      const status = Object.values(components).every((c) => c === 'up') ? 'up' : 'down';
      services[name] = { status, components };
    }
    const status =
      Object.values(services).every((s) => s.status === 'up') && this.checks.size > 0 ? 'up' : 'down';
    return { status, services };
  }
}

@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Each service in this process and its components, up or down' })
  @ApiOkResponse({ description: 'Every service in this process is up' })
  @ApiServiceUnavailableResponse({ description: 'At least one service or one of its components is down' })
  async health(@Res({ passthrough: true }) response: Response) {
    const report = await this.registry.report();
    response.status(report.status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
