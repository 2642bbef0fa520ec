import 'reflect-metadata';
import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { JsonLogger } from './json-logger';
import { observeHttp } from './observability/http-observation';
import { OBSERVABILITY_PATHS, ObservabilityModule } from './observability/observability.module';
import { PlatformMetrics } from './observability/platform-metrics';
import { startTracing } from './observability/tracing';
import { PlatformConfig, loadPlatformConfig } from './platform-config';
import { MESSAGE_BUS, PlatformHostModule } from './platform-host.module';
import { ProblemDetailsFilter, inputValidationPipe } from './problem-details';
import { describeProblems } from './openapi-problems';
import { malformedTextPaths, reservedKeyPaths } from './requests/field-rules';
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
  startTracing({ serviceName: options.name, otlpEndpoint: options.config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const root: DynamicModule = {
    module: HostRootModule,
    imports: [
      PlatformHostModule.forRoot(options.name, options.config, logger),
      ObservabilityModule.forRoot(MESSAGE_BUS),
      ...options.services,
    ],
  };
  const app = await NestFactory.create<NestExpressApplication>(root, { logger, bodyParser: false });
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(requestScopeMiddleware);
  app.use(observeHttp(app.get(PlatformMetrics)));
  const audit = app.get(CommandAuditMiddleware);
  app.use(audit.use.bind(audit));
  app.use(refuseUnsupportedBodies);
  app.useBodyParser('json', { limit: REQUEST_BODY_LIMIT });
  app.use(refuseReservedKeys);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', ...OBSERVABILITY_PATHS] });
  app.useGlobalPipes(inputValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Claims and complaints platform')
      .setDescription('Public API. Errors are RFC 9457 problem details (application/problem+json).')
      .setVersion('1')
      .setLicense('Proprietary', 'https://claims-platform.example/license')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, describeProblems(document), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/** Bodies are JSON, or multipart for uploads: anything else is refused (415) before it is parsed. */
function refuseUnsupportedBodies(request: Request, response: Response, next: NextFunction): void {
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if (!hasBody || request.is(['application/json', 'application/*+json', 'multipart/form-data']))
    return next();
  response.status(415).type('application/problem+json').send({
    type: 'https://claims-platform.example/problems/unsupported-media-type',
    title: 'Unsupported media type',
    status: 415,
    detail: 'Send application/json (or multipart/form-data for uploads)',
    instance: request.originalUrl,
  });
}

/**
 * Before validation: `__proto__`, `constructor`, `prototype` keys and text that is not well-formed
 * Unicode (lone surrogates), anywhere in a body, are refused (400) with their paths.
 */
function refuseReservedKeys(request: Request, response: Response, next: NextFunction): void {
  const errors = [
    ...reservedKeyPaths(request.body).map((path) => ({
      path,
      message: `property ${path.split(/[.[]/).pop()} should not exist`,
    })),
    ...malformedTextPaths(request.body).map((path) => ({
      path,
      message: `${path} must be well-formed Unicode text`,
    })),
  ];
  if (errors.length === 0) return next();
  response.status(400).type('application/problem+json').send({
    type: 'https://claims-platform.example/problems/invalid-request',
    title: 'Invalid request',
    status: 400,
    instance: request.originalUrl,
    errors,
  });
}

/**
 * Process entry point: validates the configuration (a bad value exits 1 naming the variable),
 * then serves the given bounded contexts until SIGINT/SIGTERM.
 */
export async function runHost(
  name: string,
  services: readonly DynamicModule[],
): Promise<INestApplication | undefined> {
  let config: PlatformConfig;
  try {
    config = loadPlatformConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
    return undefined;
  }
  const logger = new JsonLogger(name, config.LOG_LEVEL);
  let app: INestApplication | undefined;
  try {
    app = await createHost({ name, config, services, logger });
    await app.listen(config.PORT, '0.0.0.0');
    logger.log(
      { msg: 'listening', port: config.PORT, eventStore: config.EVENT_STORE, bus: config.BUS },
      'host',
    );
    return app;
  } catch (error) {
    // A process that cannot serve (port taken, store unreachable…) must not linger half-started,
    // consuming and relaying unseen: stop what started, then exit non-zero.
    logger.error({ msg: 'failed to start', error }, 'host');
    await Promise.race([
      app?.close().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
    ]);
    process.exit(1);
  }
}
