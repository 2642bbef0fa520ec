import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { JWTPayload, SignJWT, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { PlatformConfig } from '../platform-config';
import { Role, isRole } from './access-policy';
import { Principal } from './principal';

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** Checks bearer tokens; an abstract class so Nest can inject it by type. */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<Principal>;
}

/** The longest a token may be valid for (exp − iat): a leaked token is useful for a day at most. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/** Verifies signature, expiry, lifetime, issuer and audience, then reads the platform's claims. */
export function tokenVerifierFor(config: PlatformConfig): TokenVerifier {
  const options = {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    requiredClaims: ['sub', 'exp'],
    clockTolerance: 30,
  };
  const jwks = config.AUTH_JWKS_URL ? createRemoteJWKSet(new URL(config.AUTH_JWKS_URL)) : null;
  const secret = jwks ? null : new TextEncoder().encode(sharedSecretOf(config));
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = jwks
          ? await jwtVerify(token, jwks, options)
          : await jwtVerify(token, secret as Uint8Array, { ...options, algorithms: ['HS256'] }));
      } catch (error) {
        throw new InvalidTokenError(reasonOf(error));
      }
      if (typeof payload.iat !== 'number') throw new InvalidTokenError('token claim iat is missing');
      if ((payload.exp as number) - payload.iat > MAX_TOKEN_LIFETIME_SECONDS) {
        throw new InvalidTokenError('token lifetime exceeds 24 hours');
      }
      return principalOf(payload);
    },
  };
}

function principalOf(payload: JWTPayload): Principal {
  const role = payload['role'];
  if (!isRole(role)) throw new InvalidTokenError('token has no known role');
  const customerId = payload['customer_id'];
  if (role === 'customer' && (typeof customerId !== 'string' || customerId === '')) {
    throw new InvalidTokenError('customer token has no customer_id');
  }
  return {
    userId: String(payload.sub),
    role,
    ...(role === 'customer' ? { customerId: customerId as string } : {}),
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (error instanceof errors.JWTClaimValidationFailed) return `token claim ${error.claim} is invalid`;
  return 'token is malformed or not verifiable';
}

/** The embedded mode's shared secret: created in the data directory on first start. */
export function embeddedSecretFile(config: PlatformConfig): string {
  return resolve(config.DATA_DIR, 'auth', 'jwt-secret');
}

/** Whether a token signed now would be accepted by a platform on this configuration's secret. */
export function hasSharedSecret(config: PlatformConfig): boolean {
  return Boolean(config.AUTH_JWT_SECRET) || existsSync(embeddedSecretFile(config));
}

function sharedSecretOf(config: PlatformConfig): string {
  if (config.AUTH_JWT_SECRET) return config.AUTH_JWT_SECRET;
  const file = embeddedSecretFile(config);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

export interface TokenRequest {
  readonly role: Role;
  readonly subject: string;
  readonly customerId?: string;
  readonly expiresIn?: string;
}

/** Signs a token with the shared secret (embedded mode, tests, `npm run token`). */
export async function issueToken(config: PlatformConfig, request: TokenRequest): Promise<string> {
  if (config.AUTH_JWKS_URL)
    throw new Error('tokens come from the identity provider when AUTH_JWKS_URL is set');
  return new SignJWT({
    role: request.role,
    ...(request.customerId ? { customer_id: request.customerId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(sharedSecretOf(config)));
}
