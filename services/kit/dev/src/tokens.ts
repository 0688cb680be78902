import { randomUUID } from 'node:crypto';

import { SignJWT } from 'jose';

import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, type Role } from '@hrc/service-kit';

export interface TokenClaims {
  subject?: string;
  roles: Role[];
  organizationId?: string | null;
  expiresIn?: string;
  issuer?: string;
  audience?: string;
}

/** Mints an HS256 token the gateway accepts in development; production tokens come from the identity provider. */
export async function mintToken(secret: string, claims: TokenClaims): Promise<string> {
  const jwt = new SignJWT({ roles: claims.roles, ...(claims.organizationId ? { org: claims.organizationId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject ?? `dev-${claims.roles.join('-')}-${randomUUID().slice(0, 8)}`)
    .setIssuer(claims.issuer ?? DEFAULT_JWT_ISSUER)
    .setAudience(claims.audience ?? DEFAULT_JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '12h');
  return jwt.sign(new TextEncoder().encode(secret));
}
