import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

import { ANONYMOUS, HttpError, type Identity, type Role, ROLES } from '@hrc/service-kit';

import type { GatewayConfig } from './config';

export type TokenVerifier = (authorization: string | undefined) => Promise<Identity>;

/**
 * Verifies `Authorization: Bearer <JWT>`: HS256 with a shared secret in development, a JWKS in production.
 * No header means a public caller; a header that fails verification is refused, never downgraded to public.
 */
export function createTokenVerifier(tokens: GatewayConfig['tokens']): TokenVerifier {
  const jwks: JWTVerifyGetKey | undefined = tokens.jwksUrl ? createRemoteJWKSet(new URL(tokens.jwksUrl)) : undefined;
  const secret = tokens.secret ? new TextEncoder().encode(tokens.secret) : undefined;
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new HttpError(401, 'UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
    const token = match[1]!;
    let payload: Record<string, unknown>;
    try {
      const options = { issuer: tokens.issuer, audience: tokens.audience };
      const verified = jwks
        ? await jwtVerify(token, jwks, { ...options, algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'] })
        : await jwtVerify(token, secret!, { ...options, algorithms: ['HS256'] });
      payload = verified.payload as Record<string, unknown>;
    } catch (error) {
      const reason = (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'has expired' : 'is not valid';
      throw new HttpError(401, 'UNAUTHENTICATED', `The access token ${reason}`);
    }
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    if (typeof payload.sub !== 'string' || !roles.every((role) => (ROLES as readonly unknown[]).includes(role))) {
      throw new HttpError(401, 'UNAUTHENTICATED', 'The access token has no subject or an unknown role');
    }
    const organizationId = typeof payload.org === 'string' ? payload.org : null;
    if (roles.includes('partner') && !organizationId) {
      throw new HttpError(401, 'UNAUTHENTICATED', 'A partner token must name its organisation (claim "org")');
    }
    return { subject: payload.sub, organizationId, roles: roles as Role[] };
  };
}
