import 'reflect-metadata';
import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { JsonLogger } from './json-logger';
import { PlatformConfig, loadPlatformConfig } from './platform-config';
import { PlatformHostModule } from './platform-host.module';
import { ProblemDetailsFilter, inputValidationPipe } from './problem-details';
import { CommandAuditMiddleware } from './security/command-audit';
import { requestScopeMiddleware } from './security/request-scope';

export const API_PREFIX = 'api/v1';
export const REQUEST_BODY_LIMIT = '256kb';

export interface HostOptions {
  /** Name of this process in logs: `platform` (embedded, all services) or one service's name. */
  readonly name: string;
  readonly config: PlatformConfig;
  /** The bounded contexts this process runs. */
  readonly services: readonly DynamicModule[];
  readonly logger?: JsonLogger;
}

@Module({})
class HostRootModule {}

/** Builds the HTTP application for one or more bounded contexts, without listening. */
export async function createHost(options: HostOptions): Promise<INestApplication> {
  const logger = options.logger ?? new JsonLogger(options.name, options.config.LOG_LEVEL);
  const root: DynamicModule = {
    module: HostRootModule,
    imports: [PlatformHostModule.forRoot(options.name, options.config, logger), ...options.services],
  };
  const app = await NestFactory.create<NestExpressApplication>(root, { logger, bodyParser: false });
  app.use(requestScopeMiddleware);
  const audit = app.get(CommandAuditMiddleware);
  app.use(audit.use.bind(audit));
  app.useBodyParser('json', { limit: REQUEST_BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: REQUEST_BODY_LIMIT, extended: false });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  app.useGlobalPipes(inputValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Claims and complaints platform')
      .setDescription('Public API. Errors are RFC 9457 problem details (application/problem+json).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/**
 * Process entry point: validates the configuration (a bad value exits 1 naming the variable),
 * then serves the given bounded contexts until SIGINT/SIGTERM.
 */
export async function runHost(name: string, services: readonly DynamicModule[]): Promise<INestApplication | undefined> {
  let config: PlatformConfig;
  try {
    config = loadPlatformConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
    return undefined;
  }
  const logger = new JsonLogger(name, config.LOG_LEVEL);
  try {
    const app = await createHost({ name, config, services, logger });
    await app.listen(config.PORT, '0.0.0.0');
    logger.log({ msg: 'listening', port: config.PORT, eventStore: config.EVENT_STORE, bus: config.BUS }, 'host');
    return app;
  } catch (error) {
    logger.error({ msg: 'failed to start', error: (error as Error).message }, 'host');
    process.exitCode = 1;
    return undefined;
  }
}
