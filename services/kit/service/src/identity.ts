import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

import { HttpError } from './errors';

export const ROLES = ['partner', 'liaison', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as verified by the gateway. An anonymous caller has no subject and no roles. */
export interface Identity {
  subject: string | null;
  organizationId: string | null;
  roles: Role[];
}

export const ANONYMOUS: Identity = Object.freeze({ subject: null, organizationId: null, roles: [] as Role[] });

export const IDENTITY_HEADER = 'x-hub-identity';
export const SIGNATURE_HEADER = 'x-hub-signature';
export const REQUEST_ID_HEADER = 'x-request-id';
/** A client's key for retrying a mutation safely; the gateway passes it on to the subgraphs. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** How old a signed call may be; bounds the window for replaying a captured request. */
const MAX_SIGNATURE_AGE_SECONDS = 300;

interface IdentityEnvelope {
  sub: string | null;
  org: string | null;
  roles: Role[];
  rid: string;
  iat: number;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function signatureOf(secret: string, identityHeader: string, body: string): string {
  return (
    'v1=' +
    createHmac('sha256', secret)
      .update(`${identityHeader}.${sha256(body)}`)
      .digest('hex')
  );
}

/** The identity header the gateway attaches to a subgraph call. */
export function encodeIdentityHeader(identity: Identity, requestId: string, now = Date.now()): string {
  const envelope: IdentityEnvelope = {
    sub: identity.subject,
    org: identity.organizationId,
    roles: identity.roles,
    rid: requestId,
    iat: Math.floor(now / 1000),
  };
  return Buffer.from(JSON.stringify(envelope)).toString('base64url');
}

/** Signs the identity together with the exact body bytes, so neither can be swapped in transit. */
export function signSubgraphCall(secret: string, identityHeader: string, body: string): string {
  return signatureOf(secret, identityHeader, body);
}

export interface VerifiedCall {
  identity: Identity;
  requestId: string;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Verifies a subgraph call; anything unsigned, tampered or stale is a 401. */
export function verifySubgraphCall(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now = Date.now(),
): VerifiedCall {
  const identityHeader = headerValue(headers[IDENTITY_HEADER]);
  const signature = headerValue(headers[SIGNATURE_HEADER]);
  if (!identityHeader || !signature) {
    throw new HttpError(401, 'UNAUTHENTICATED', 'Subgraphs accept only requests signed by the gateway');
  }
  const expected = Buffer.from(signatureOf(secret, identityHeader, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new HttpError(401, 'UNAUTHENTICATED', 'The gateway signature does not match this request');
  }
  let envelope: IdentityEnvelope;
  try {
    envelope = JSON.parse(Buffer.from(identityHeader, 'base64url').toString('utf8')) as IdentityEnvelope;
  } catch {
    throw new HttpError(401, 'UNAUTHENTICATED', 'The identity header is not valid');
  }
  if (Math.abs(now / 1000 - envelope.iat) > MAX_SIGNATURE_AGE_SECONDS) {
    throw new HttpError(401, 'UNAUTHENTICATED', 'The gateway signature has expired');
  }
  return {
    identity: {
      subject: envelope.sub ?? null,
      organizationId: envelope.org ?? null,
      roles: (envelope.roles ?? []).filter((role): role is Role => (ROLES as readonly string[]).includes(role)),
    },
    requestId: envelope.rid || randomUUID(),
  };
}
