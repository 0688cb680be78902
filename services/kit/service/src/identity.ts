import { isUuid } from './ids';

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
export const REQUEST_ID_HEADER = 'x-request-id';
/** A client's key for retrying a mutation safely; the gateway passes it on to the subgraphs. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** What the identity header carries, base64url JSON; the gateway's signature covers it (gateway-signature.ts). */
export interface IdentityEnvelope {
  sub: string | null;
  org: string | null;
  roles: Role[];
  rid: string;
  iat: number;
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

export interface VerifiedCall {
  identity: Identity;
  requestId: string;
}

/**
 * The identity an envelope carries, as the policy may read it: known roles only, and an organisation only for a
 * partner, and only a well-formed one (the gateway already refuses other tokens; this keeps a subgraph from trusting
 * more than the gateway would).
 */
export function identityOfEnvelope(envelope: Partial<IdentityEnvelope>): Identity {
  const roles = (Array.isArray(envelope.roles) ? envelope.roles : []).filter((role): role is Role =>
    (ROLES as readonly string[]).includes(role),
  );
  const org = envelope.org;
  const organizationId = roles.includes('partner') && typeof org === 'string' && isUuid(org) ? org : null;
  return {
    subject: typeof envelope.sub === 'string' && envelope.sub !== '' ? envelope.sub : null,
    organizationId,
    roles,
  };
}
