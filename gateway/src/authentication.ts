import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

import { ANONYMOUS, HttpError, type Identity, isUuid, type Role, ROLES } from '@hrc/service-kit';

import type { GatewayConfig } from './config';

export type TokenVerifier = (authorization: string | undefined) => Promise<Identity>;

/** How far ahead of the gateway's clock an issuer's clock may run (`iat`, `nbf`, `exp`). */
export const CLOCK_TOLERANCE_SECONDS = 30;

function refuse(message: string): never {
  throw new HttpError(401, 'UNAUTHENTICATED', message);
}

/** Turns jose's verification errors into a message that says which claim failed, without echoing the token. */
function reasonOf(error: unknown): string {
  const { code, claim, reason } = error as { code?: string; claim?: string; reason?: string };
  if (code === 'ERR_JWT_EXPIRED') return 'The access token has expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim) {
    return reason === 'missing'
      ? `The access token must carry the "${claim}" claim`
      : `The access token's "${claim}" claim is not valid`;
  }
  return 'The access token is not valid';
}

/**
 * Checks the claims the hub relies on beyond the signature: a non-empty subject, an issue time not in the future,
 * known roles, and an organisation that is a UUID (a partner's must be present). `org` counts only for a partner:
 * a liaison or secretariat token that carries one acts for no organisation.
 */
export function identityOfClaims(payload: Record<string, unknown>, now = Date.now()): Identity {
  if (typeof payload.sub !== 'string' || payload.sub.trim() === '') {
    refuse('The access token must carry a non-empty "sub" claim');
  }
  if (typeof payload.iat === 'number' && payload.iat > now / 1000 + CLOCK_TOLERANCE_SECONDS) {
    refuse('The access token\'s "iat" claim is in the future');
  }
  const roles = Array.isArray(payload.roles) ? payload.roles : [];
  if (!roles.every((role) => (ROLES as readonly unknown[]).includes(role))) {
    refuse(`The access token's "roles" claim may hold only ${ROLES.join(', ')}`);
  }
  if (payload.org !== undefined && payload.org !== null && (typeof payload.org !== 'string' || !isUuid(payload.org))) {
    refuse('The access token\'s "org" claim must be an organisation id (a UUID)');
  }
  const isPartner = roles.includes('partner');
  const organizationId = isPartner && typeof payload.org === 'string' ? payload.org.toLowerCase() : null;
  if (isPartner && !organizationId) refuse('A partner token must name its organisation (claim "org")');
  return { subject: payload.sub as string, organizationId, roles: roles as Role[] };
}

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
    if (!match) refuse('The Authorization header must be "Bearer <token>"');
    const token = match[1]!;
    let payload: Record<string, unknown>;
    try {
      // A token without an expiry would be valid for ever once leaked.
      const options = {
        issuer: tokens.issuer,
        audience: tokens.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      };
      const verified = jwks
        ? await jwtVerify(token, jwks, { ...options, algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'] })
        : await jwtVerify(token, secret!, { ...options, algorithms: ['HS256'] });
      payload = verified.payload as Record<string, unknown>;
    } catch (error) {
      refuse(reasonOf(error));
    }
    return identityOfClaims(payload);
  };
}
