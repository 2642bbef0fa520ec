import {
  CanActivate,
  ExecutionContext,
  HttpStatus,
  Injectable,
  SetMetadata,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { ProblemException } from '../problem-details';
import { Permission, ROLES, roleMay } from './access-policy';
import { Principal, RequestScope } from './principal';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const PUBLIC = 'claims:public';
const PERMISSION = 'claims:permission';

/** A route anyone may call without a token (health only; the OpenAPI pages are not Nest routes). */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * The permission a route needs; a route that declares none is refused (secure by default). The
 * OpenAPI document names it (`x-required-permission`) and the roles that hold it.
 */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(PERMISSION, permission),
    ApiBearerAuth(),
    ApiExtension('x-required-permission', permission),
    ApiExtension('x-roles', rolesWith(permission)),
  );

function rolesWith(permission: Permission): string[] {
  return ROLES.filter((role) => roleMay(role, permission));
}

export type ScopedRequest = Request & { scope: RequestScope };

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<ScopedRequest>().scope.principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});

/** Correlation id, idempotency key and principal of the current request. */
export const CurrentScope = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestScope =>
    context.switchToHttp().getRequest<ScopedRequest>().scope,
);

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    request.scope.principal = await this.authenticate(request);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION, targets);
    if (!permission || !roleMay(request.scope.principal.role, permission)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'Forbidden',
        `Role ${request.scope.principal.role} may not do this`,
      );
    }
    return true;
  }

  private async authenticate(request: Request): Promise<Principal> {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/.exec(header);
    if (!match) throw unauthorized('A bearer token is required');
    try {
      return await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthorized(error.message);
      throw error;
    }
  }
}

function unauthorized(detail: string): ProblemException {
  return new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', detail);
}
